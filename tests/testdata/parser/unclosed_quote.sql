-- +goose Up
SELECT 1;
INSERT INTO t VALUES ('oops);
SELECT 2;
-- +goose Down
SELECT 3;
