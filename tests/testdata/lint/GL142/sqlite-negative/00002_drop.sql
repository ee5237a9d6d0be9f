-- +goose Up
ALTER TABLE users DROP COLUMN nickname;
DROP INDEX users_name;
ALTER TABLE users DROP COLUMN name;

-- +goose Down
SELECT 1;
