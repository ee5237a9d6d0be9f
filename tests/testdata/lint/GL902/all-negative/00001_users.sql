-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);

-- +goose Down
DROP TABLE users; -- gander:lint-ignore gl311 the table never holds data
