-- +goose Up
ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'new';
CREATE TABLE tokens (id bigserial PRIMARY KEY, token uuid DEFAULT gen_random_uuid());

-- +goose Down
DROP TABLE tokens;
ALTER TABLE users DROP COLUMN status, DROP COLUMN created_at;
