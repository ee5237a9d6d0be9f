-- +goose Up
-- +goose Upp
CREATE TABLE x (id INTEGER);
