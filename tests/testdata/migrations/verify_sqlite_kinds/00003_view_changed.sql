-- +goose Up
DROP VIEW noted_items;
CREATE VIEW noted_items AS SELECT id, note, length(note) AS size FROM items WHERE note IS NOT NULL;

-- +goose Down
-- The view of 00001, typed otherwise (case, spacing, a comment): the same view.
DROP VIEW noted_items;
-- +goose StatementBegin
create view noted_items as
    select id, note   -- what it shows
    from "items"
    where note is not null;
-- +goose StatementEnd
