-- +goose Up
ALTER TABLE users ADD COLUMN age int; -- lint-expect: GL110
ALTER TABLE users ADD COLUMN city text;

-- +goose Down
ALTER TABLE users DROP COLUMN city, DROP COLUMN age; -- lint-expect: GL110
