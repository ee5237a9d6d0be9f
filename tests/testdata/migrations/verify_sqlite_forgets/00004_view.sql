-- +goose Up
CREATE VIEW short_notes AS SELECT id FROM items WHERE length(note) < 10;

-- +goose Down
-- Forgets DROP VIEW short_notes.
SELECT 1;
