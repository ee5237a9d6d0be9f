-- +goose Up
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE money_amount AS (cents bigint, currency char(3));
CREATE DOMAIN positive_int AS integer NOT NULL CHECK (VALUE > 0);
COMMENT ON TYPE mood IS 'how it went';

-- +goose Down
DROP DOMAIN positive_int;
DROP TYPE money_amount;
DROP TYPE mood;
