-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, email varchar(100));
CREATE INDEX users_email ON users (email);

-- +goose Down
DROP TABLE users;
