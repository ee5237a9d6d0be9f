-- +goose Up
DROP INDEX users_email; -- lint-expect: GL102

-- +goose Down
CREATE INDEX CONCURRENTLY users_email ON users (email);
