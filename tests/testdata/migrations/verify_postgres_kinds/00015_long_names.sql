-- +goose Up
-- Names whose "table.column" is longer than 63 bytes (PostgreSQL's name type).
CREATE TABLE subscription_billing_period_gathering_invoice_line_items (
    id integer PRIMARY KEY,
    subscription_billing_period_from timestamptz NOT NULL DEFAULT now()
);
INSERT INTO subscription_billing_period_gathering_invoice_line_items VALUES (1, '2024-01-01T00:00:00Z');

-- +goose Down
DROP TABLE subscription_billing_period_gathering_invoice_line_items;
