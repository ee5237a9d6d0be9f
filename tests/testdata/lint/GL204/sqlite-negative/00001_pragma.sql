-- +goose NO TRANSACTION
-- +goose Up
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE t (id integer PRIMARY KEY);
COMMIT;
PRAGMA foreign_keys = ON;

-- +goose Down
DROP TABLE t;
