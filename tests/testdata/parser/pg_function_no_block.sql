-- +goose Up
-- A function body in a dollar quote needs no StatementBegin/End in gander.
CREATE FUNCTION touch() RETURNS trigger AS $body$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

CREATE FUNCTION two() RETURNS int AS $$ SELECT 2; $$ LANGUAGE sql;
INSERT INTO notes VALUES (E'it\'s;
done');

-- +goose Down
DROP FUNCTION two();
DROP FUNCTION touch();
