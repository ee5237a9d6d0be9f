-- +goose Up
CREATE VIEW order_totals AS
SELECT user_id, SUM(total_cents) AS total_cents
FROM orders
GROUP BY user_id;

-- +goose Down
DROP VIEW order_totals;
