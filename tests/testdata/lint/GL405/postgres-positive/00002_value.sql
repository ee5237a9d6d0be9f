-- +goose Up
ALTER TYPE mood ADD VALUE 'ok' BEFORE 'happy'; -- lint-expect: GL405
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'; -- lint-expect: GL405

-- +goose Down
SELECT 1;
