-- +goose Up
CREATE TABLE irreversible (id INTEGER PRIMARY KEY);
