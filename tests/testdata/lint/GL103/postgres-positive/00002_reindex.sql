-- +goose Up
REINDEX TABLE users; -- lint-expect: GL103

-- +goose Down
SELECT 1;
