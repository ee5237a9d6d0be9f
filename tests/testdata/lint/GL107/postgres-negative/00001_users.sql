-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, email text, name varchar(50));

-- +goose Down
DROP TABLE users;
