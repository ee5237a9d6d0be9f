-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);

-- +goose Down
DROP TABLE users; -- lint-expect: GL311
