-- +goose Up
-- SQLite cannot add a CHECK to a table: the table is rebuilt.
CREATE TABLE items_new (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT CHECK (length(note) < 200));
INSERT INTO items_new SELECT id, note FROM items;
DROP TRIGGER items_default_note;
DROP VIEW noted_items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
CREATE VIEW noted_items AS SELECT id, note, length(note) AS size FROM items WHERE note IS NOT NULL;
-- +goose StatementBegin
CREATE TRIGGER items_default_note AFTER INSERT ON items WHEN NEW.note IS NULL
BEGIN
    UPDATE items SET note = 'new' WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
CREATE TABLE items_old (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO items_old SELECT id, note FROM items;
DROP TRIGGER items_default_note;
DROP VIEW noted_items;
DROP TABLE items;
ALTER TABLE items_old RENAME TO items;
CREATE VIEW noted_items AS SELECT id, note, length(note) AS size FROM items WHERE note IS NOT NULL;
-- +goose StatementBegin
CREATE TRIGGER items_default_note AFTER INSERT ON items WHEN NEW.note IS NULL
BEGIN
    UPDATE items SET note = 'new' WHERE id = NEW.id;
END;
-- +goose StatementEnd
