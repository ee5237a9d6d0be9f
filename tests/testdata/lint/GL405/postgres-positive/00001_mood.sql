-- +goose Up
CREATE TYPE mood AS ENUM ('sad', 'happy');

-- +goose Down
DROP TYPE mood;
