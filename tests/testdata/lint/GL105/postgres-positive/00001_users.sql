-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, code int, name varchar(50));

-- +goose Down
DROP TABLE users;
