-- +goose Up
CREATE TABLE x (id INTEGER);
