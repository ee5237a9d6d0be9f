-- +goose NO TRANSACTION
-- +goose Up
BEGIN;
VACUUM users; -- lint-expect: GL201
COMMIT;

-- +goose Down
SELECT 1;
