-- +goose Up
ALTER TABLE users RENAME COLUMN email TO mail; -- lint-expect: GL401

-- +goose Down
ALTER TABLE users RENAME COLUMN mail TO email;
