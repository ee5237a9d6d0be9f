-- +goose Up
ALTER TABLE repos ADD COLUMN homepage_url VARCHAR(255);

-- +goose Down
ALTER TABLE repos DROP COLUMN homepage_url;
