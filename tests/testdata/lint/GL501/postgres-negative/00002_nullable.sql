-- +goose Up
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;

-- +goose Down
UPDATE users SET email = '' WHERE email IS NULL;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
