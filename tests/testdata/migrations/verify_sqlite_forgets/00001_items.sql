-- +goose Up
CREATE TABLE items (id INTEGER PRIMARY KEY, note TEXT);
CREATE VIEW noted_items AS SELECT id, note FROM items WHERE note IS NOT NULL;

-- +goose Down
DROP VIEW noted_items;
DROP TABLE items;
