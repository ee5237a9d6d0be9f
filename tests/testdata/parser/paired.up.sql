
   
-- Paired files need no Up annotation.
-- +goose NO TRANSACTION
CREATE INDEX CONCURRENTLY idx ON t (c);
-- +goose StatementBegin
DO $$ BEGIN PERFORM 1; END $$;
-- +goose StatementEnd
