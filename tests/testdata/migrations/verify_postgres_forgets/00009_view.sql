-- +goose Up
CREATE VIEW noted_items AS SELECT id, note FROM items WHERE note IS NOT NULL;

-- +goose Down
-- Forgets DROP VIEW noted_items.
SELECT 1;
