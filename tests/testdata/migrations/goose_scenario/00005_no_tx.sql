-- +goose NO TRANSACTION
-- +goose Up
UPDATE repos SET homepage_url = 'https://example.org' WHERE repo_id = 10;

-- +goose Down
UPDATE repos SET homepage_url = NULL WHERE repo_id = 10;
