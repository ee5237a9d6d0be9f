-- +goose Up
ALTER TABLE users RENAME TO people; -- lint-expect: GL402

-- +goose Down
ALTER TABLE people RENAME TO users;
