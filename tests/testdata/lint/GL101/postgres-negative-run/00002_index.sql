-- +goose Up
CREATE INDEX users_email ON users (email);

-- +goose Down
DROP INDEX users_email;
