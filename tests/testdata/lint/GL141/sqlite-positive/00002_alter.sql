-- +goose Up
ALTER TABLE users ALTER COLUMN email SET NOT NULL; -- lint-expect: GL141
ALTER TABLE users ADD COLUMN code text UNIQUE; -- lint-expect: GL141
ALTER TABLE users ADD COLUMN created_at text DEFAULT CURRENT_TIMESTAMP; -- lint-expect: GL141
ALTER TABLE users ADD COLUMN n integer NOT NULL; -- lint-expect: GL141
ALTER TABLE users ADD COLUMN a integer, ADD COLUMN b integer; -- lint-expect: GL141

-- +goose Down
SELECT 1;
