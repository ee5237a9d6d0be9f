-- +goose ENVSUB ON
-- +goose Up
-- ${NOT_EXPANDED_IN_LEADING_COMMENTS}
CREATE SCHEMA ${SCHEMA};
-- +goose StatementBegin
CREATE FUNCTION ${SCHEMA}.f() RETURNS text AS $$$$ SELECT '${GREETING:-hello}'; $$$$ LANGUAGE sql;
-- +goose StatementEnd
-- +goose ENVSUB OFF
SELECT '${SCHEMA}';
-- +goose Down
DROP SCHEMA ${SCHEMA} CASCADE;
