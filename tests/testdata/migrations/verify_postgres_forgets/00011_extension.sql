-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext;

-- +goose Down
-- Forgets DROP EXTENSION citext.
SELECT 1;
