-- +goose Up
DROP INDEX users_email ON users;

-- +goose Down
CREATE INDEX users_email ON users (email);
