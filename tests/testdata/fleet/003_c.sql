-- +goose Up
-- A tenant that already has a fleet_c table fails here: how the fleet tests break a tenant.
CREATE TABLE fleet_c (id INT PRIMARY KEY);

-- +goose Down
DROP TABLE fleet_c;
