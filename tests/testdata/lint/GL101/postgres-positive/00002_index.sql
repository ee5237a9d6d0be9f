-- +goose Up
CREATE /* CONCURRENTLY */ INDEX users_email ON users (email); -- lint-expect: GL101
-- CREATE INDEX CONCURRENTLY users_name ON users (name);
CREATE UNIQUE INDEX users_name ON public.users (name); -- lint-expect: GL101

-- +goose Down
DROP INDEX users_name;
DROP INDEX users_email;
