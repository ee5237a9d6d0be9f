-- +goose Up
PRAGMA foreign_keys = OFF; -- lint-expect: GL204
CREATE TABLE t (id integer PRIMARY KEY);
PRAGMA foreign_keys = ON;

-- +goose Down
DROP TABLE t;
