-- +goose Up
CREATE TABLE audit (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE audit;
ALTER TABLE users DROP COLUMN legacy;
