-- +goose Up
ALTER TABLE orders VALIDATE CONSTRAINT orders_user;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total;

-- +goose Down
SELECT 1;
