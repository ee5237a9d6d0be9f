-- +goose NO TRANSACTION
-- +goose Up
VACUUM; -- lint-expect: GL143

-- +goose Down
SELECT 1;
