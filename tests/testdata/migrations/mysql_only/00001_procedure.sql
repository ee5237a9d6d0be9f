-- +goose Up
CREATE TABLE counters (name VARCHAR(50) PRIMARY KEY, value INT NOT NULL DEFAULT 0);

-- +goose StatementBegin
CREATE PROCEDURE bump(IN counter_name VARCHAR(50))
BEGIN
    INSERT INTO counters (name, value) VALUES (counter_name, 1)
        ON DUPLICATE KEY UPDATE value = value + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER counters_no_negative BEFORE UPDATE ON counters FOR EACH ROW
BEGIN
    IF NEW.value < 0 THEN
        SET NEW.value = 0;
    END IF;
END;
-- +goose StatementEnd

CALL bump('deploys'); CALL bump('deploys');

-- +goose Down
DROP TRIGGER counters_no_negative;
DROP PROCEDURE bump;
DROP TABLE counters;
