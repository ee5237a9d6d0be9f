-- +goose NO TRANSACTION
-- +goose Up
DROP INDEX CONCURRENTLY users_email;

-- +goose Down
CREATE INDEX CONCURRENTLY users_email ON users (email);
