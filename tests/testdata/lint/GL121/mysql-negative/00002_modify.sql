-- +goose Up
ALTER TABLE users MODIFY name varchar(60);
ALTER TABLE users MODIFY kind ENUM('a','b','c');
ALTER TABLE users ADD COLUMN age int;

-- +goose Down
ALTER TABLE users DROP COLUMN age;
