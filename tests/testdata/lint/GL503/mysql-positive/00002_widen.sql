-- +goose Up
ALTER TABLE users MODIFY name varchar(200);

-- +goose Down
ALTER TABLE users MODIFY name varchar(100); -- lint-expect: GL503
