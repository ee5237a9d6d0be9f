-- +goose Up
ALTER TABLE users ADD COLUMN nickname VARCHAR(50);

-- +goose Down
-- Drops the wrong column: verify must catch it.
ALTER TABLE users DROP COLUMN email;
