-- +goose Up
ALTER TABLE users ADD COLUMN age int, ALGORITHM=COPY; -- lint-expect: GL122
CREATE INDEX users_name ON users (name) LOCK=SHARED; -- lint-expect: GL122

-- +goose Down
DROP INDEX users_name ON users LOCK = EXCLUSIVE; -- lint-expect: GL122
ALTER TABLE users DROP COLUMN age;
