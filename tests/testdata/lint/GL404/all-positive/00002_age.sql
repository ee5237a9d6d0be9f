-- +goose Up
ALTER TABLE users ADD COLUMN age int NOT NULL; -- lint-expect: GL404

-- +goose Down
ALTER TABLE users DROP COLUMN age;
