-- +goose Up
ALTER TABLE users RENAME TO users_old;
CREATE TABLE users (id int PRIMARY KEY, email varchar(200), name varchar(100));
INSERT INTO users (id, email, name) SELECT id, email, name FROM users_old;
DROP TABLE users_old;

-- +goose Down
SELECT 1;
