-- +goose Up
ALTER TABLE items CONVERT TO CHARACTER SET latin1 COLLATE latin1_general_ci;

-- +goose Down
-- Forgets ALTER TABLE items CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci.
SELECT 1;
