-- +goose Up
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    note TEXT
);
INSERT INTO audit_log (id, note) VALUES (1, 'semicolon; inside a string');

-- +goose Down
DROP TABLE audit_log;
