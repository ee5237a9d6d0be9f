-- +goose Up
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;

-- +goose Down
ALTER TABLE users DROP CONSTRAINT users_email_key;
