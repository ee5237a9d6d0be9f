-- +goose Up
ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id); -- lint-expect: GL123

-- +goose Down
ALTER TABLE orders DROP FOREIGN KEY orders_user;
