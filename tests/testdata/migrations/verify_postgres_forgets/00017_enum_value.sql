-- +goose Up
ALTER TYPE colour ADD VALUE 'blue';

-- +goose Down
-- Forgets to rebuild colour without blue.
SELECT 1;
