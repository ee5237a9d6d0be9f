-- +goose Up
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    total_cents INTEGER NOT NULL
);
CREATE INDEX orders_user_id ON orders (user_id);

-- +goose Down
-- Dropping the table drops its index on every engine (DROP INDEX syntax differs).
DROP TABLE orders;
