-- +goose Up
ALTER TABLE users ALTER COLUMN name TYPE varchar(50); -- lint-expect: GL305

-- +goose Down
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
