-- +goose Up
CREATE TABLE m1 (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE m1;
