-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);

-- +goose Down
CREATE TABLE users_backup AS SELECT * FROM users;
DROP TABLE users;
