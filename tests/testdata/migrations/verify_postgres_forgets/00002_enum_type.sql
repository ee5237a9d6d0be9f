-- +goose Up
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');

-- +goose Down
-- Forgets DROP TYPE mood.
SELECT 1;
