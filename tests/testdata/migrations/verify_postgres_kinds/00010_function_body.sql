-- +goose Up
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := coalesce(NEW.note, 'created');
  RETURN NEW;
END;
$$;

-- +goose Down
-- The body of 00001, indented otherwise: the same body.
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.note := coalesce(NEW.note, 'new');
    RETURN NEW;
END;
$$;
