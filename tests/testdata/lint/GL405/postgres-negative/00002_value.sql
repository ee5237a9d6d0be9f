-- +goose Up
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'elated' AFTER 'ecstatic';

-- +goose Down
SELECT 1;
