-- +goose Up
-- lint-expect-next: GL901
-- gander:lint-ignore GL301
DROP TABLE users;

-- +goose Down
SELECT 1;
