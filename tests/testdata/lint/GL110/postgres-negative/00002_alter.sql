-- +goose Up
SET lock_timeout = '5s';
ALTER TABLE users ADD COLUMN age int;

-- +goose Down
SET LOCAL lock_timeout TO '5s';
ALTER TABLE users DROP COLUMN age;
