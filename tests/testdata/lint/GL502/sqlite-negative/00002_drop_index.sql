-- +goose Up
DROP INDEX users_email;

-- +goose Down
CREATE INDEX users_email ON users (email);
