-- +goose Up
INSERT INTO a (id, x) VALUES (1, 1);
INSERT INTO a (id, x) VALUES (2, 2);

-- +goose Down
DELETE FROM a WHERE id IN (1, 2);
