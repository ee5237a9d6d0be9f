-- +goose Up
ALTER TABLE users MODIFY name varchar(50); -- lint-expect: GL305

-- +goose Down
ALTER TABLE users MODIFY name varchar(100);
