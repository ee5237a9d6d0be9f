-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);

-- +goose Down
DROP TABLE orders;
