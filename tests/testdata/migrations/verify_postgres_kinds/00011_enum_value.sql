-- +goose Up
ALTER TYPE colour ADD VALUE 'blue';

-- +goose Down
-- An enum value cannot be dropped: the type is rebuilt.
ALTER TYPE colour RENAME TO colour_old;
CREATE TYPE colour AS ENUM ('red', 'green');
DROP TYPE colour_old;
