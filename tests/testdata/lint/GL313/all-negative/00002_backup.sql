-- +goose Up
CREATE TABLE users_names (id int, name varchar(100));

-- +goose Down
DROP TABLE users_names;
