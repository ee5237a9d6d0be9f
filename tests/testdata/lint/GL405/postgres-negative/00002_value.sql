-- +goose Up
ALTER TYPE mood ADD VALUE 'ecstatic';

-- +goose Down
SELECT 1;
