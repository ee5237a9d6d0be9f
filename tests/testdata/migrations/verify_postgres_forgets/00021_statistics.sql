-- +goose Up
CREATE STATISTICS items_id_note (dependencies) ON id, note FROM items;

-- +goose Down
-- Forgets DROP STATISTICS items_id_note.
SELECT 1;
