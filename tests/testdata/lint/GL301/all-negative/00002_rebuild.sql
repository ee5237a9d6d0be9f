-- +goose Up
CREATE TABLE users_new (id int PRIMARY KEY, email varchar(100));
INSERT INTO users_new (id, email) SELECT id, email FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE TABLE scratch (id int);
DROP TABLE scratch;

-- +goose Down
SELECT 1;
