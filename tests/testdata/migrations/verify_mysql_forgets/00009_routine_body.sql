-- +goose Up
DROP FUNCTION note_length;
CREATE FUNCTION note_length(n VARCHAR(100)) RETURNS INT DETERMINISTIC RETURN LENGTH(n);

-- +goose Down
-- Forgets to put back the body of note_length from 00001.
SELECT 1;
