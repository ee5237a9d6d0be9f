-- +goose Up
DROP TABLE IF EXISTS legacy_sessions;
CREATE TABLE sessions (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE sessions;
