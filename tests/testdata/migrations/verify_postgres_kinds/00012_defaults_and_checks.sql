-- +goose Up
ALTER TABLE items ALTER COLUMN note SET DEFAULT 'none';
ALTER TABLE items ADD CONSTRAINT items_note_short CHECK (length(note) < 200);
ALTER TABLE items ADD COLUMN parent integer REFERENCES items (id) ON DELETE CASCADE;
CREATE INDEX items_lower_note ON items (lower(note)) WHERE note IS NOT NULL;

-- +goose Down
DROP INDEX items_lower_note;
ALTER TABLE items DROP COLUMN parent;
ALTER TABLE items DROP CONSTRAINT items_note_short;
ALTER TABLE items ALTER COLUMN note DROP DEFAULT;
