-- +goose Up
CREATE TABLE y (id INTEGER);
