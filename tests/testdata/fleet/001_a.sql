-- +goose Up
CREATE TABLE fleet_a (id INT PRIMARY KEY);

-- +goose Down
DROP TABLE fleet_a;
