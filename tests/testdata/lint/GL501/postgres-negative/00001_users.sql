-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL);

-- +goose Down
DROP TABLE users;
