-- +goose Up
CREATE INDEX CONCURRENTLY users_email ON users (email); -- lint-expect: GL201

-- +goose Down
DROP INDEX users_email;
