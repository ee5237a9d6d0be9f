-- +goose Up
ALTER TABLE items ENGINE=MyISAM;
ALTER TABLE items CONVERT TO CHARACTER SET latin1 COLLATE latin1_general_ci;
ALTER TABLE items COMMENT = 'things';

-- +goose Down
ALTER TABLE items COMMENT = '';
ALTER TABLE items CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
ALTER TABLE items ENGINE=InnoDB;
