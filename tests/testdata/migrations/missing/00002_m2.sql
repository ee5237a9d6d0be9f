-- +goose Up
CREATE TABLE m2 (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE m2;
