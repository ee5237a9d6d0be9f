-- +goose Up
CREATE TABLE x (id INTEGER)

-- +goose Down
DROP TABLE x;
