-- +goose Up
ALTER TABLE users DROP COLUMN legacy;

-- +goose Down
ALTER TABLE users ADD COLUMN legacy VARCHAR(255);
