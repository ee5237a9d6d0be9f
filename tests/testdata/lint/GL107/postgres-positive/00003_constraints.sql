-- +goose Up
ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id); -- lint-expect: GL107
ALTER TABLE orders ADD CONSTRAINT orders_total CHECK (total >= 0); -- lint-expect: GL107

-- +goose Down
ALTER TABLE orders DROP CONSTRAINT orders_total;
ALTER TABLE orders DROP CONSTRAINT orders_user;
