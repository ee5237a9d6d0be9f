-- +goose Up
ALTER TABLE users MODIFY kind ENUM('a', 'b', 'c');

-- +goose Down
ALTER TABLE users MODIFY kind ENUM('a', 'b');
