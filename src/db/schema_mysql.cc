// MySQL/MariaDB's schema from information_schema, for the connection's
// database (other databases on the server are not described). Definitions
// lose the "`database`." qualifier the server adds to views, so that two
// databases holding the same objects describe the same.
//
// One query: every kind below is a SELECT of (kind, name, definition, body),
// sent as one UNION ALL so that reading the schema is one round trip. Each
// column is converted to utf8mb4, so that information_schema's differing
// collations (MySQL 8) cannot make the UNION fail. `body` is set for routines
// and events: it is hashed (BodyHash) rather than shown.
#include "db/schema_reader.h"
#include "db/schema_rows.h"

namespace gander {
namespace {

// One output column of a part, in the charset every part shares.
std::string Text(const std::string& expr) { return "CONVERT(" + expr + " USING utf8mb4)"; }

// A part's SELECT list: kind, name, definition, body (SQL NULL for none).
std::string Select(const std::string& kind, const std::string& name, const std::string& definition,
                   const std::string& body = "NULL") {
  return "SELECT " + Text(kind) + ", " + Text(name) + ", " + Text(definition) + ", " + Text(body);
}

// " COMMENT '...'" when `column` is not empty, else NULL (CONCAT_WS skips it).
std::string Comment(const std::string& column) {
  return "IF(" + column + " <> '', CONCAT('COMMENT ', QUOTE(" + column + ")), NULL)";
}

// Tables (engine, collation, options such as row_format, comment) and
// MariaDB sequences; views (definition, and ALGORITHM, CHECK OPTION, SQL
// SECURITY where not the default). Not the AUTO_INCREMENT counter (data).
std::string Relations() {
  return Select(
             "CASE t.table_type WHEN 'VIEW' THEN 'view' WHEN 'SEQUENCE' THEN 'sequence' ELSE 'table' END",
             "t.table_name",
             "CASE t.table_type WHEN 'VIEW' THEN CONCAT_WS(' ', IF(v.algorithm <> 'UNDEFINED', CONCAT('ALGORITHM=', "
             "v.algorithm), NULL), IF(v.security_type <> 'DEFINER', CONCAT('SQL SECURITY ', v.security_type), NULL), "
             "REPLACE(v.view_definition, CONCAT('`', DATABASE(), '`.'), ''), IF(v.check_option <> 'NONE', "
             "CONCAT('WITH ', v.check_option, ' CHECK OPTION'), NULL)) WHEN 'SEQUENCE' THEN '' ELSE CONCAT_WS(' ', "
             "IF(t.table_type NOT IN ('BASE TABLE', 'VIEW', 'SEQUENCE'), t.table_type, NULL), CONCAT('ENGINE=', "
             "t.engine), CONCAT('COLLATE ', t.table_collation), NULLIF(t.create_options, ''), " +
                 Comment("t.table_comment") + ") END") +
         " FROM information_schema.tables t LEFT JOIN information_schema.views v ON v.table_schema = "
         "t.table_schema AND v.table_name = t.table_name WHERE t.table_schema = DATABASE()";
}

// Type, collation, NOT NULL, default, extra (auto_increment, ON UPDATE,
// generated), the generation expression, comment.
std::string Columns() {
  return Select("'column'", "CONCAT(c.table_name, '.', c.column_name)",
                "CONCAT_WS(' ', c.column_type, CONCAT('COLLATE ', c.collation_name), IF(c.is_nullable = 'NO', "
                "'NOT NULL', NULL), CONCAT('DEFAULT ', c.column_default), NULLIF(c.extra, ''), CONCAT('AS (', "
                "NULLIF(c.generation_expression, ''), ')'), " +
                    Comment("c.column_comment") + ")") +
         " FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema "
         "AND t.table_name = c.table_name WHERE c.table_schema = DATABASE() AND t.table_type NOT IN ('VIEW', "
         "'SEQUENCE')";
}

std::string Indexes() {
  return Select("'index'", "CONCAT(table_name, '.', index_name)",
                "CONCAT_WS(' ', CONCAT(IF(MIN(non_unique) = 0, 'UNIQUE ', ''), index_type, ' (', "
                "GROUP_CONCAT(CONCAT(column_name, IF(sub_part IS NULL, '', CONCAT('(', sub_part, ')'))) ORDER BY "
                "seq_in_index SEPARATOR ', '), ')'), " +
                    Comment("MAX(index_comment)") + ")") +
         " FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY table_name, index_name, "
         "index_type";
}

std::string ForeignKeys() {
  return Select("'constraint'", "CONCAT(k.table_name, '.', k.constraint_name)",
                "CONCAT('FOREIGN KEY (', GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position SEPARATOR ', '), ') "
                "REFERENCES ', k.referenced_table_name, ' (', GROUP_CONCAT(k.referenced_column_name ORDER BY "
                "k.ordinal_position SEPARATOR ', '), ') ON UPDATE ', r.update_rule, ' ON DELETE ', r.delete_rule)") +
         " FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r ON "
         "r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = "
         "k.table_name WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL GROUP BY "
         "k.table_name, k.constraint_name, k.referenced_table_name, r.update_rule, r.delete_rule";
}

// CHECK constraints: MariaDB 10.2+ and MySQL 8.0.16+ list them.
std::string Checks() {
  return Select("'constraint'", "CONCAT(table_name, '.', constraint_name)", "CONCAT('CHECK (', check_clause, ')')") +
         " FROM information_schema.check_constraints WHERE constraint_schema = DATABASE()";
}

std::string Triggers() {
  return Select("'trigger'", "CONCAT(event_object_table, '.', trigger_name)",
                "CONCAT(action_timing, ' ', event_manipulation, ' FOR EACH ', action_orientation, ' ', "
                "action_statement)") +
         " FROM information_schema.triggers WHERE trigger_schema = DATABASE()";
}

// Functions and procedures by name and parameters; described by result,
// determinism, data access, SQL SECURITY, comment and the hash of the body.
// Not the DEFINER (an account, like ownership) nor the sql_mode and
// character sets of the session that created them; not MariaDB's Oracle-mode
// packages.
std::string Routines() {
  return Select("LOWER(r.routine_type)", "CONCAT(r.routine_name, '(', IFNULL(p.args, ''), ')')",
                "CONCAT_WS(' ', CONCAT('RETURNS ', r.dtd_identifier), IF(r.is_deterministic = 'YES', "
                "'DETERMINISTIC', 'NOT DETERMINISTIC'), r.sql_data_access, CONCAT('SQL SECURITY ', r.security_type), " +
                    Comment("r.routine_comment") + ")",
                "r.routine_definition") +
         " FROM information_schema.routines r LEFT JOIN (SELECT specific_name, GROUP_CONCAT(CONCAT_WS(' ', "
         "IF(routine_type = 'PROCEDURE', parameter_mode, NULL), parameter_name, dtd_identifier) ORDER BY "
         "ordinal_position SEPARATOR ', ') AS args FROM information_schema.parameters WHERE specific_schema = "
         "DATABASE() AND ordinal_position > 0 GROUP BY specific_name) p ON p.specific_name = r.specific_name "
         "WHERE r.routine_schema = DATABASE() AND r.routine_type IN ('FUNCTION', 'PROCEDURE')";
}

// Events by schedule kind and interval, completion and whether enabled (a
// replica's SLAVESIDE_DISABLED copy counts as enabled, as on its primary),
// and the hash of the body. Not their STARTS/ENDS/AT times: the server takes
// them from the clock when the event is created, so they differ run to run.
std::string Events() {
  return Select(
             "'event'", "event_name",
             "CONCAT_WS(' ', IF(event_type = 'RECURRING', CONCAT('EVERY ', interval_value, ' ', interval_field), "
             "'AT (once)'), CONCAT('ON COMPLETION ', on_completion), IF(status = 'DISABLED', 'DISABLE', 'ENABLE'), " +
                 Comment("event_comment") + ")",
             "event_definition") +
         " FROM information_schema.events WHERE event_schema = DATABASE()";
}

std::string SchemaQuery() {
  std::string sql;
  for (const std::string& part :
       {Relations(), Columns(), Indexes(), ForeignKeys(), Checks(), Triggers(), Routines(), Events()}) {
    sql += (sql.empty() ? "" : " UNION ALL ") + part;
  }
  return sql;
}

}  // namespace

Status ReadMysqlSchema(Connection& conn, std::vector<SchemaObject>* out) {
  static const std::string kQuery = SchemaQuery();
  return ReadSchemaRows(conn, kQuery, out);
}

}  // namespace gander
