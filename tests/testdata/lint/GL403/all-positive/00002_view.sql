-- +goose Up
CREATE VIEW named_users AS SELECT id, name FROM users;

-- +goose Down
DROP VIEW named_users;
