-- +goose Up
-- +goose StatementBegin
CREATE PROCEDURE archive_items(IN older_than INT)
BEGIN
    DELETE FROM items WHERE id < older_than;
END;
-- +goose StatementEnd
CREATE FUNCTION add_tax(cents BIGINT) RETURNS BIGINT DETERMINISTIC COMMENT 'adds VAT' RETURN cents * 120 DIV 100;

-- +goose Down
DROP FUNCTION add_tax;
DROP PROCEDURE archive_items;
