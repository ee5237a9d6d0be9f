-- +goose Up
ALTER TABLE items COMMENT = 'things';

-- +goose Down
-- Forgets ALTER TABLE items COMMENT = ''.
SELECT 1;
