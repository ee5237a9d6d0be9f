-- +goose Up
CREATE TRIGGER items_default_note BEFORE INSERT ON items FOR EACH ROW SET NEW.note = COALESCE(NEW.note, 'new');

-- +goose Down
-- Forgets DROP TRIGGER items_default_note.
SELECT 1;
