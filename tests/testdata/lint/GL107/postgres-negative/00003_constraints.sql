-- +goose Up
ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_total CHECK (total >= 0) NOT VALID;

-- +goose Down
ALTER TABLE orders DROP CONSTRAINT orders_total;
ALTER TABLE orders DROP CONSTRAINT orders_user;
