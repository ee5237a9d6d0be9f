-- +goose Up
ALTER TABLE users ADD COLUMN age int, ALGORITHM=INPLACE, LOCK=NONE;
CREATE TABLE teams (id bigint PRIMARY KEY, name varchar(50));
CREATE INDEX teams_name ON teams (name) LOCK=SHARED;

-- +goose Down
DROP TABLE teams;
ALTER TABLE users DROP COLUMN age;
