-- +goose Up
CREATE TABLE items (id integer PRIMARY KEY, note text);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := coalesce(NEW.note, 'new');
  RETURN NEW;
END;
$$;
CREATE TYPE colour AS ENUM ('red', 'green');

-- +goose Down
DROP TYPE colour;
DROP FUNCTION touch();
DROP TABLE items;
