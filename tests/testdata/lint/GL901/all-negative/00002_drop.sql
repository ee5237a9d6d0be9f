-- +goose Up
-- gander:lint-ignore GL301 the table was retired in 2025 and backed up
DROP TABLE users;

-- +goose Down
SELECT 1;
