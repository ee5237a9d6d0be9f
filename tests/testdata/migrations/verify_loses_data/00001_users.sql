-- +goose Up
CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100) NOT NULL);

-- +goose Down
DROP TABLE users;
