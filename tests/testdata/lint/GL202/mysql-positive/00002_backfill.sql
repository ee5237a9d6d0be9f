-- +goose Up
ALTER TABLE a ADD COLUMN x int; -- lint-expect: GL202
UPDATE a SET x = 1;

-- +goose Down
ALTER TABLE a DROP COLUMN x;
