-- +goose Up
COMMENT ON COLUMN items.note IS 'free text';

-- +goose Down
-- Forgets COMMENT ON COLUMN items.note IS NULL.
SELECT 1;
