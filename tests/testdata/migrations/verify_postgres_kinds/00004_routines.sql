-- +goose Up
CREATE FUNCTION add_tax(cents bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT cents * 120 / 100 $$;
CREATE PROCEDURE archive_items(older_than integer) LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  DELETE FROM items WHERE id < older_than;
END;
$$;

-- +goose Down
DROP PROCEDURE archive_items(integer);
DROP FUNCTION add_tax(bigint);
