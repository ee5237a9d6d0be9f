-- +goose Up
CREATE VIEW noted_items AS SELECT id, note FROM items WHERE note IS NOT NULL;
CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM items;
CREATE INDEX item_count_n ON item_count (n);

-- +goose Down
DROP MATERIALIZED VIEW item_count;
DROP VIEW noted_items;
