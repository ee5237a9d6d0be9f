-- +goose Up
CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255), legacy VARCHAR(255));

-- +goose Down
DROP TABLE users;
