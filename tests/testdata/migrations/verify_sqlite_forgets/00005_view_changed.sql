-- +goose Up
DROP VIEW noted_items;
CREATE VIEW noted_items AS SELECT id, note, length(note) AS size FROM items WHERE note IS NOT NULL;

-- +goose Down
-- Forgets to put back noted_items as 00001 made it.
SELECT 1;
