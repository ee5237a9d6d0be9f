-- +goose Up
CREATE TABLE a (id bigint PRIMARY KEY); -- lint-expect: GL202
CREATE TABLE b (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE b; -- lint-expect: GL202
DROP TABLE a;
