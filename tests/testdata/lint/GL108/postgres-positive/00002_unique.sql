-- +goose Up
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- lint-expect: GL108
ALTER TABLE users ADD COLUMN code text UNIQUE; -- lint-expect: GL108

-- +goose Down
ALTER TABLE users DROP COLUMN code;
ALTER TABLE users DROP CONSTRAINT users_email_key;
