-- +goose Up
CREATE TABLE owners (
    owner_id INTEGER PRIMARY KEY,
    owner_name VARCHAR(255) NOT NULL
);
CREATE TABLE repos (
    repo_id INTEGER PRIMARY KEY,
    repo_full_name VARCHAR(255) NOT NULL,
    repo_owner_id INTEGER NOT NULL
);

-- +goose Down
DROP TABLE repos;
DROP TABLE owners;
