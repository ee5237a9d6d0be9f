-- +goose Up
-- Two statements on one line are one statement for goose, sent in one call.
INSERT INTO users (id, email) VALUES (1, 'a@example.com'); INSERT INTO users (id, email) VALUES (2, 'b@example.com');

-- +goose Down
DELETE FROM users WHERE id IN (1, 2);
