-- +goose Up
ALTER TABLE items ENGINE=MyISAM;

-- +goose Down
-- Forgets ALTER TABLE items ENGINE=InnoDB.
SELECT 1;
