-- +goose Up
ALTER SEQUENCE invoice_numbers INCREMENT 100;

-- +goose Down
-- Forgets ALTER SEQUENCE invoice_numbers INCREMENT 10.
SELECT 1;
