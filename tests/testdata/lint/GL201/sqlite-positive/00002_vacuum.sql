-- +goose Up
VACUUM; -- lint-expect: GL201

-- +goose Down
SELECT 1;
