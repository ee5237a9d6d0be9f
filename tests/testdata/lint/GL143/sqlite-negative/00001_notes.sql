-- +goose Up
CREATE TABLE notes (id integer PRIMARY KEY, draft text);
ALTER TABLE notes DROP COLUMN draft;

-- +goose Down
DROP TABLE notes;
