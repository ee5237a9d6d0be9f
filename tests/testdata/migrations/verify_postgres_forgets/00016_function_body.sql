-- +goose Up
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.note := coalesce(NEW.note, 'created');
  RETURN NEW;
END;
$$;

-- +goose Down
-- Forgets to put back the body of touch() from 00001.
SELECT 1;
