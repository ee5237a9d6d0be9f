-- +goose Up
CREATE VIEW noted_items AS SELECT id, note FROM items WHERE note IS NOT NULL WITH CHECK OPTION;

-- +goose Down
DROP VIEW noted_items;
