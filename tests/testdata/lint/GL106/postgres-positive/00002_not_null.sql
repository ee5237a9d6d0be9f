-- +goose Up
ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- lint-expect: GL106

-- +goose Down
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
