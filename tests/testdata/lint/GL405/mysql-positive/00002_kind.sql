-- +goose Up
ALTER TABLE users MODIFY kind ENUM('b', 'a'); -- lint-expect: GL405

-- +goose Down
ALTER TABLE users MODIFY kind ENUM('a', 'b');
