-- +goose Up
-- +goose StatementBegin
INSERT INTO repos (repo_id, repo_full_name, repo_owner_id)
VALUES (30, 'alice/site', 1);
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DELETE FROM repos WHERE repo_id = 30;
-- +goose StatementEnd
