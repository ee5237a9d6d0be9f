-- +goose Up
ALTER TABLE users DROP COLUMN name;

-- +goose Down
ALTER TABLE users ADD COLUMN name varchar(100);
UPDATE users SET name = (SELECT n.name FROM users_names n WHERE n.id = users.id);
