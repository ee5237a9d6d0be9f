-- +goose Up
ALTER TABLE users MODIFY name varchar(100) COLLATE utf8mb4_bin; -- lint-expect: GL121

-- +goose Down
ALTER TABLE users MODIFY name varchar(100); -- lint-expect: GL121
