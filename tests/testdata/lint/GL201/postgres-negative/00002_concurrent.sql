-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY users_email ON users (email);
CREATE INDEX CONCURRENTLY users_name ON users (name);

-- +goose Down
DROP INDEX CONCURRENTLY users_name;
DROP INDEX CONCURRENTLY users_email;
