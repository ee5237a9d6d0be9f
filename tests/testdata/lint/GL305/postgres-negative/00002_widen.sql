-- +goose Up
ALTER TABLE users ALTER COLUMN name TYPE varchar(200);

-- +goose Down
SELECT 1;
