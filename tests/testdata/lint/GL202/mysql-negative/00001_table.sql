-- +goose Up
CREATE TABLE a (id bigint PRIMARY KEY, x int);

-- +goose Down
DROP TABLE a;
