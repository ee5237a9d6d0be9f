-- +goose Up
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;

-- +goose Down
ALTER TABLE users DROP CONSTRAINT users_email_nn;
