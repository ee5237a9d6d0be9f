-- +goose Up
ALTER TABLE users DROP COLUMN name; -- lint-expect: GL302

-- +goose Down
ALTER TABLE users ADD COLUMN name varchar(100);
