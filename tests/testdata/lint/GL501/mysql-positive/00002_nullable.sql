-- +goose Up
ALTER TABLE users MODIFY email varchar(100) NULL;

-- +goose Down
ALTER TABLE users MODIFY email varchar(100) NOT NULL; -- lint-expect: GL501
