-- +goose Up
CREATE SCHEMA billing;

-- +goose Down
DROP SCHEMA billing;
