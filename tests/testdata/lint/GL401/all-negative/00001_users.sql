-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, email varchar(100));
ALTER TABLE users RENAME COLUMN email TO mail;

-- +goose Down
DROP TABLE users;
