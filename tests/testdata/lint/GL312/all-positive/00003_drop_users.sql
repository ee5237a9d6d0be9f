-- +goose Up
CREATE TABLE audit (id int);

-- +goose Down
DROP TABLE audit;
DROP TABLE users; -- lint-expect: GL312
