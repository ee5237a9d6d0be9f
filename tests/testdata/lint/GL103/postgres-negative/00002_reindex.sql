-- +goose NO TRANSACTION
-- +goose Up
REINDEX TABLE CONCURRENTLY users;

-- +goose Down
SELECT 1;
