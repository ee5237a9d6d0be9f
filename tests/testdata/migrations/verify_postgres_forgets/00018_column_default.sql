-- +goose Up
ALTER TABLE items ALTER COLUMN note SET DEFAULT 'none';

-- +goose Down
-- Forgets ALTER TABLE items ALTER COLUMN note DROP DEFAULT.
SELECT 1;
