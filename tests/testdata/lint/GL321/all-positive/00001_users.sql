-- lint-expect: GL321
-- +goose Up
CREATE TABLE users (id int PRIMARY KEY);
