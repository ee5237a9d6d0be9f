-- +goose Up
DROP TABLE users; -- lint-expect: GL313

-- +goose Down
CREATE TABLE users (id int PRIMARY KEY, email varchar(100));
