-- +goose Up
CREATE RULE items_no_delete AS ON DELETE TO items DO INSTEAD NOTHING;
CREATE STATISTICS items_id_note (dependencies) ON id, note FROM items;

-- +goose Down
DROP STATISTICS items_id_note;
DROP RULE items_no_delete ON items;
