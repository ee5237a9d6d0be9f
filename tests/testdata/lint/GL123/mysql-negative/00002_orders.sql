-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id));

-- +goose Down
DROP TABLE orders;
