-- +goose Up
ALTER TABLE users DROP COLUMN nickname; -- lint-expect: GL143

-- +goose Down
SELECT 1;
