-- +goose Up
ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN city varchar(50);

-- +goose Down
SELECT 1;
