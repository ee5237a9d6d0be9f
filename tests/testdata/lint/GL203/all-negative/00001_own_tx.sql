-- +goose NO TRANSACTION
-- +goose Up
BEGIN;
CREATE TABLE t (id int);
COMMIT;

-- +goose Down
BEGIN;
DROP TABLE t;
COMMIT;
