-- +goose Up
CREATE TABLE users (id integer PRIMARY KEY, email text UNIQUE, name text, nickname text, team_id integer REFERENCES teams (id));
CREATE INDEX users_name ON users (name);

-- +goose Down
DROP TABLE users;
