-- +goose Up
INSERT INTO users (id, email) VALUES (1, 'ada@example.com'), (2, 'grace@example.com');

-- +goose Down
DELETE FROM users WHERE id IN (1, 2);
