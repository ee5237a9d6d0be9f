-- +goose Up
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
ALTER TABLE users ALTER COLUMN name TYPE text;
ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2);

-- +goose Down
SELECT 1;
