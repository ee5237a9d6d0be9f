-- +goose Up
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
    placed_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX orders_user_id_idx ON orders (user_id);

-- +goose Down
-- Dropping the table drops its index on every engine (DROP INDEX differs:
-- MySQL wants "ON orders").
DROP TABLE orders;
