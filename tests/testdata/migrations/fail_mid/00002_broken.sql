-- +goose Up
CREATE TABLE broken_first (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);
CREATE TABLE broken_third (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE broken_third;
DROP TABLE broken_first;
