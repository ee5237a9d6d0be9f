-- +goose Up
ALTER TABLE users ALTER COLUMN name TYPE varchar(200);

-- +goose Down
ALTER TABLE users ALTER COLUMN name TYPE varchar(100); -- lint-expect: GL503
