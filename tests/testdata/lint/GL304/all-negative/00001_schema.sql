-- +goose Up
CREATE SCHEMA scratch;
DROP SCHEMA scratch;

-- +goose Down
SELECT 1;
