-- +goose Up
CREATE TYPE money_amount AS (cents bigint, currency char(3));

-- +goose Down
-- Forgets DROP TYPE money_amount.
SELECT 1;
