-- +goose Up
-- Denormalised counter, backfilled from existing rows, then kept by a trigger.
ALTER TABLE users ADD COLUMN order_count INTEGER NOT NULL DEFAULT 0;
UPDATE users SET order_count = (SELECT COUNT(*) FROM orders WHERE orders.user_id = users.id);

-- +goose StatementBegin
CREATE TRIGGER orders_count_insert AFTER INSERT ON orders
BEGIN
    UPDATE users SET order_count = order_count + 1 WHERE id = NEW.user_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER orders_count_insert;
ALTER TABLE users DROP COLUMN order_count;
