-- +goose Up
CREATE POLICY items_visible ON items FOR SELECT USING (note IS NOT NULL);

-- +goose Down
-- Forgets DROP POLICY items_visible ON items.
SELECT 1;
