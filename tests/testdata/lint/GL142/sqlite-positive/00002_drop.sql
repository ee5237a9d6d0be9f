-- +goose Up
ALTER TABLE users DROP COLUMN email; -- lint-expect: GL142
ALTER TABLE users DROP COLUMN name; -- lint-expect: GL142
ALTER TABLE users DROP COLUMN team_id; -- lint-expect: GL142
ALTER TABLE users DROP COLUMN id; -- lint-expect: GL142

-- +goose Down
SELECT 1;
