-- +goose NO TRANSACTION
-- +goose Up
VACUUM FULL users; -- lint-expect: GL109
CLUSTER users USING users_pkey; -- lint-expect: GL109
ALTER TABLE users SET TABLESPACE pg_default; -- lint-expect: GL109

-- +goose Down
SELECT 1;
