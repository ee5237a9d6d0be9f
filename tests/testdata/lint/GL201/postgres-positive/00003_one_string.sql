-- +goose NO TRANSACTION
-- +goose Up
-- +goose StatementBegin
CREATE INDEX CONCURRENTLY users_name ON users (name); -- lint-expect: GL201
CREATE INDEX CONCURRENTLY users_id ON users (id); -- lint-expect: GL201
-- +goose StatementEnd

-- +goose Down
SELECT 1;
