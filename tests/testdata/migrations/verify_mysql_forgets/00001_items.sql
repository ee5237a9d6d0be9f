-- +goose Up
CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(100)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- +goose StatementBegin
CREATE FUNCTION note_length(n VARCHAR(100)) RETURNS INT DETERMINISTIC
BEGIN
    RETURN CHAR_LENGTH(n);
END;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION note_length;
DROP TABLE items;
