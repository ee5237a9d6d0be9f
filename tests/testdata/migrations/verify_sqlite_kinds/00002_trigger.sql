-- +goose Up
-- +goose StatementBegin
CREATE TRIGGER items_default_note AFTER INSERT ON items WHEN NEW.note IS NULL
BEGIN
    UPDATE items SET note = 'new' WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER items_default_note;
