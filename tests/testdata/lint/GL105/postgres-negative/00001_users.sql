-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, name varchar(50), price numeric(10,2));

-- +goose Down
DROP TABLE users;
