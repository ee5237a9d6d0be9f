-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, email varchar(100), name varchar(100));

-- +goose Down
DROP TABLE users;
