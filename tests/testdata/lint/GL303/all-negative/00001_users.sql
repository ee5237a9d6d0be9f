-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);
TRUNCATE TABLE users;

-- +goose Down
DROP TABLE users;
