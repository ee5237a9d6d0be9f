-- +goose Up
CREATE TABLE m4 (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE m4;
