-- +goose Up
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- lint-expect: GL104
ALTER TABLE users ADD COLUMN seq bigserial; -- lint-expect: GL104
ALTER TABLE users ADD COLUMN email_len int GENERATED ALWAYS AS (length(email)) STORED; -- lint-expect: GL104

-- +goose Down
ALTER TABLE users DROP COLUMN email_len, DROP COLUMN seq, DROP COLUMN token;
