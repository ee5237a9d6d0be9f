-- +goose Up
CREATE EVENT purge_items ON SCHEDULE EVERY 1 DAY DO DELETE FROM items WHERE note IS NULL;

-- +goose Down
-- Forgets DROP EVENT purge_items.
SELECT 1;
