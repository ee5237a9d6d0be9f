-- +goose Up
CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 10;
ALTER TABLE items ADD COLUMN serial_no bigserial;

-- +goose Down
ALTER TABLE items DROP COLUMN serial_no;
DROP SEQUENCE invoice_numbers;
