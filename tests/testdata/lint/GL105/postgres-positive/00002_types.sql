-- +goose Up
ALTER TABLE users ALTER COLUMN code TYPE bigint; -- lint-expect: GL105
ALTER TABLE users
  ALTER COLUMN name SET DATA TYPE varchar(20); -- lint-expect: GL105

-- +goose Down
ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
