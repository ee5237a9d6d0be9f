-- +goose Up
CREATE INDEX users_email ON users (email);

-- +goose Down
-- Forgets to drop the index: verify must catch it.
SELECT 1;
