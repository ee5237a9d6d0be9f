-- +goose Up
ALTER TABLE users ADD COLUMN age int;

-- +goose Down
ALTER TABLE users DROP COLUMN age; -- lint-expect: GL311
