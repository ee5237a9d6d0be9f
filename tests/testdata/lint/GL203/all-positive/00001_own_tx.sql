-- +goose Up
BEGIN; -- lint-expect: GL203
CREATE TABLE t (id int);
COMMIT;

-- +goose Down
DROP TABLE t;
