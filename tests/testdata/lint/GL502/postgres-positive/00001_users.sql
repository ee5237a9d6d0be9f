-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, email varchar(100));
CREATE UNIQUE INDEX users_email ON users (email);

-- +goose Down
DROP TABLE users;
