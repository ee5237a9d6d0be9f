-- +goose Up
CREATE RULE items_no_delete AS ON DELETE TO items DO INSTEAD NOTHING;

-- +goose Down
-- Forgets DROP RULE items_no_delete ON items.
SELECT 1;
