-- +goose Up
CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 10;

-- +goose Down
-- Forgets DROP SEQUENCE invoice_numbers.
SELECT 1;
