-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY accounts_balance_idx ON accounts (balance);

-- +goose Down
DROP INDEX CONCURRENTLY accounts_balance_idx;
