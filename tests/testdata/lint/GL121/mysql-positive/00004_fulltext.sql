-- +goose Up
CREATE FULLTEXT INDEX users_name_ft ON users (name); -- lint-expect: GL121

-- +goose Down
DROP INDEX users_name_ft ON users;
