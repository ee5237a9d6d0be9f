-- +goose Up
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;

-- +goose Down
SELECT 1;
