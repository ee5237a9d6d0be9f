-- +goose Up
DROP FUNCTION note_length;
CREATE FUNCTION note_length(n VARCHAR(100)) RETURNS INT DETERMINISTIC RETURN LENGTH(n);

-- +goose Down
-- The body of 00001, indented otherwise: the same body.
DROP FUNCTION note_length;
-- +goose StatementBegin
CREATE FUNCTION note_length(n VARCHAR(100)) RETURNS INT DETERMINISTIC
BEGIN
  RETURN CHAR_LENGTH(n);
END;
-- +goose StatementEnd
