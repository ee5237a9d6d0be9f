-- +goose NO TRANSACTION
-- +goose Up
VACUUM users;
ANALYZE users;

-- +goose Down
SELECT 1;
