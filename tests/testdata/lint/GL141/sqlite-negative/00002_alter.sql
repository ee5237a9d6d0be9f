-- +goose Up
ALTER TABLE users ADD COLUMN age integer;
ALTER TABLE users ADD COLUMN n integer NOT NULL DEFAULT 0;
ALTER TABLE users RENAME COLUMN nickname TO handle;
ALTER TABLE users RENAME TO people;
ALTER TABLE people DROP COLUMN age;

-- +goose Down
SELECT 1;
