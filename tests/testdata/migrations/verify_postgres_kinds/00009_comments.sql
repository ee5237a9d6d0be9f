-- +goose Up
COMMENT ON TABLE items IS 'things';
COMMENT ON COLUMN items.note IS 'free text';
COMMENT ON FUNCTION touch() IS 'fills in the note';

-- +goose Down
COMMENT ON FUNCTION touch() IS NULL;
COMMENT ON COLUMN items.note IS NULL;
COMMENT ON TABLE items IS NULL;
