-- +goose Up
CREATE TABLE m3 (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE m3;
