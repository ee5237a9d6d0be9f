-- +goose Up
-- +goose StatementBegin
CREATE PROCEDURE archive_items(IN older_than INT)
BEGIN
    DELETE FROM items WHERE id < older_than;
END;
-- +goose StatementEnd

-- +goose Down
-- Forgets DROP PROCEDURE archive_items.
SELECT 1;
