-- +goose Up
DROP INDEX users_email;

-- +goose Down
CREATE UNIQUE INDEX users_email ON users (email); -- lint-expect: GL502
