-- gander:lint-ignore GL301,GL313 the table was retired and backed up

-- +goose Up
DROP TABLE users;

-- +goose Down
CREATE TABLE users (id int PRIMARY KEY);
