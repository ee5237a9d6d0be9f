-- +goose Up
ALTER TABLE users MODIFY name varchar(100); -- lint-expect: GL121

-- +goose Down
ALTER TABLE users MODIFY name varchar(50); -- lint-expect: GL121
