-- +goose Up
ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- +goose Down
-- Restores the schema but loses a row: only verify --data catches it.
DELETE FROM users WHERE id = 2;
ALTER TABLE users DROP COLUMN active;
