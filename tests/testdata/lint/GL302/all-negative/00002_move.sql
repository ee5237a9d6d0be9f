-- +goose Up
ALTER TABLE users ADD COLUMN tmp int;
ALTER TABLE users DROP COLUMN tmp;
ALTER TABLE users ADD COLUMN full_name varchar(100);
UPDATE users SET full_name = name;
ALTER TABLE users DROP COLUMN name;

-- +goose Down
SELECT 1;
