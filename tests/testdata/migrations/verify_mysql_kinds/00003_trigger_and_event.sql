-- +goose Up
CREATE TRIGGER items_default_note BEFORE INSERT ON items FOR EACH ROW SET NEW.note = COALESCE(NEW.note, 'new');
CREATE EVENT purge_items ON SCHEDULE EVERY 1 DAY DO DELETE FROM items WHERE note IS NULL;

-- +goose Down
DROP EVENT purge_items;
DROP TRIGGER items_default_note;
