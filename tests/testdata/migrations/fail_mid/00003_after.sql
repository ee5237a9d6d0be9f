-- +goose Up
CREATE TABLE after_broken (id INTEGER PRIMARY KEY);

-- +goose Down
DROP TABLE after_broken;
