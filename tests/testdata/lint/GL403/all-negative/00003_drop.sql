-- +goose Up
DROP VIEW named_users;
ALTER TABLE users DROP COLUMN email;
ALTER TABLE users DROP COLUMN name;

-- +goose Down
SELECT 1;
