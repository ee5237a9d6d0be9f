-- +goose Up
DROP SCHEMA billing; -- lint-expect: GL304

-- +goose Down
CREATE SCHEMA billing;
