-- +goose Up
CREATE SCHEMA reporting;

-- +goose Down
-- Forgets DROP SCHEMA reporting.
SELECT 1;
