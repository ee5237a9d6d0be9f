-- +goose Up
TRUNCATE TABLE users; -- lint-expect: GL303

-- +goose Down
SELECT 1;
