-- +goose Up
-- lint-expect-next: GL903
-- gander:lint-ignore GL301 nothing is dropped here
CREATE TABLE users (id int PRIMARY KEY);

-- +goose Down
DROP TABLE users; -- gander:lint-ignore GL311 the table never holds data
