-- +goose Up
CREATE DOMAIN positive_int AS integer NOT NULL CHECK (VALUE > 0);

-- +goose Down
-- Forgets DROP DOMAIN positive_int.
SELECT 1;
