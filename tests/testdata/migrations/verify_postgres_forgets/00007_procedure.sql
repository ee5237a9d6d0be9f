-- +goose Up
CREATE PROCEDURE archive_items(older_than integer) LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM items WHERE id < older_than;
END;
$$;

-- +goose Down
-- Forgets DROP PROCEDURE archive_items(integer).
SELECT 1;
