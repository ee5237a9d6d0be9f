-- +goose Up
ALTER TABLE users ADD COLUMN nickname varchar(50);

-- +goose Down
ALTER TABLE users DROP COLUMN nickname;
