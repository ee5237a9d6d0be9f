-- +goose Up
-- A denormalised counter, backfilled from the existing rows.
ALTER TABLE users ADD COLUMN order_count INTEGER NOT NULL DEFAULT 0;
UPDATE users SET order_count = (SELECT COUNT(*) FROM orders WHERE orders.user_id = users.id);

-- +goose Down
ALTER TABLE users DROP COLUMN order_count;
