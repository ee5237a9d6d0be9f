-- +goose Up
DROP TABLE users; -- lint-expect: GL301

-- +goose Down
CREATE TABLE users (id int PRIMARY KEY);
