-- +goose Up
ALTER SEQUENCE invoice_numbers INCREMENT 100;

-- +goose Down
ALTER SEQUENCE invoice_numbers INCREMENT 10;
