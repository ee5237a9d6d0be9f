-- +goose Up
CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM items;

-- +goose Down
-- Forgets DROP MATERIALIZED VIEW item_count.
SELECT 1;
