ALTER TABLE orders ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'placed';
CREATE INDEX orders_status_idx ON orders (status);
