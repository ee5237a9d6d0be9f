-- +goose Up
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total numeric);

-- +goose Down
DROP TABLE orders;
