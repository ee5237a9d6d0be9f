-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, name varchar(50), kind ENUM('a','b')) ENGINE=InnoDB;

-- +goose Down
DROP TABLE users;
