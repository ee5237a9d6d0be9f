-- +goose Up
INSERT INTO owners (owner_id, owner_name) VALUES (1, 'alice'), (2, 'bob');
INSERT INTO repos (repo_id, repo_full_name, repo_owner_id) VALUES (10, 'alice/tools', 1), (20, 'bob/notes', 2);

-- +goose Down
DELETE FROM repos WHERE repo_id IN (10, 20);
DELETE FROM owners WHERE owner_id IN (1, 2);
