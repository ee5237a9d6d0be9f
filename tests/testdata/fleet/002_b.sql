-- +goose Up
CREATE TABLE fleet_b (id INT PRIMARY KEY);

-- +goose Down
DROP TABLE fleet_b;
