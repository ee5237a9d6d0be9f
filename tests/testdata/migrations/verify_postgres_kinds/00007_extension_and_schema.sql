-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA reporting;
CREATE TABLE reporting.daily (day date PRIMARY KEY);

-- +goose Down
DROP SCHEMA reporting CASCADE;
DROP EXTENSION citext;
