-- +goose Up
ALTER TABLE users MODIFY name varchar(200);

-- +goose Down
SELECT 1;
