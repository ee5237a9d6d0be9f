-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, email varchar(100) NOT NULL);

-- +goose Down
DROP TABLE users;
