-- +goose Up
CREATE FUNCTION add_tax(cents BIGINT) RETURNS BIGINT DETERMINISTIC RETURN cents * 120 DIV 100;

-- +goose Down
-- Forgets DROP FUNCTION add_tax.
SELECT 1;
