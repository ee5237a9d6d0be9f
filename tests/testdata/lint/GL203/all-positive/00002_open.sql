-- +goose NO TRANSACTION
-- +goose Up
BEGIN; -- lint-expect: GL203
CREATE TABLE u (id int);

-- +goose Down
DROP TABLE u;
