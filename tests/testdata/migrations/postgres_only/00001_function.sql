-- +goose Up
CREATE TABLE accounts (id serial PRIMARY KEY, balance integer NOT NULL DEFAULT 0);
CREATE FUNCTION add_funds(account integer, amount integer) RETURNS integer AS $body$
BEGIN
    -- a ';' at the end of a line inside a dollar quote must not split the statement;
    UPDATE accounts SET balance = balance + amount WHERE id = account;
    RETURN amount;
END;
$body$ LANGUAGE plpgsql;

-- +goose Down
DROP FUNCTION add_funds(integer, integer);
DROP TABLE accounts;
