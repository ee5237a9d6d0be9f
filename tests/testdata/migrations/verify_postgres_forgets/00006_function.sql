-- +goose Up
CREATE FUNCTION add_tax(cents bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT cents * 120 / 100 $$;

-- +goose Down
-- Forgets DROP FUNCTION add_tax(bigint).
SELECT 1;
