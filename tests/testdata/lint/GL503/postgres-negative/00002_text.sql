-- +goose Up
ALTER TABLE users ALTER COLUMN name TYPE text;

-- +goose Down
SELECT 1;
