// MySQL/MariaDB's schema from information_schema, for the connection's
// database. View definitions lose the "`database`." qualifier the server adds,
// so that two databases holding the same objects describe the same.
#include "db/schema_reader.h"

namespace gander {

Status ReadMysqlSchema(Connection& conn, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT t.table_name, t.table_type, REPLACE(v.view_definition, CONCAT('`', DATABASE(), '`.'), '') "
      "FROM information_schema.tables t LEFT JOIN information_schema.views v "
      "ON v.table_schema = t.table_schema AND v.table_name = t.table_name WHERE t.table_schema = DATABASE()",
      &rows));
  for (const Row& r : rows) {
    if (CellText(r, 1) == "VIEW") {
      out->push_back({"view", CellText(r, 0), CellText(r, 2)});
    } else {
      out->push_back({"table", CellText(r, 0), ""});
    }
  }

  rows.clear();
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT c.table_name, c.column_name, c.column_type, c.is_nullable, c.column_default, c.extra, "
      "c.collation_name FROM information_schema.columns c JOIN information_schema.tables t "
      "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
      "WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'",
      &rows));
  for (const Row& r : rows) {
    std::string def = CellText(r, 2);
    if (!CellText(r, 6).empty()) def += " COLLATE " + CellText(r, 6);
    if (CellText(r, 3) == "NO") def += " NOT NULL";
    if (r[4]) def += " DEFAULT " + CellText(r, 4);
    if (!CellText(r, 5).empty()) def += " " + CellText(r, 5);
    out->push_back({"column", CellText(r, 0) + "." + CellText(r, 1), def});
  }

  rows.clear();
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT table_name, index_name, MIN(non_unique), index_type, GROUP_CONCAT(CONCAT(column_name, "
      "IF(sub_part IS NULL, '', CONCAT('(', sub_part, ')'))) ORDER BY seq_in_index SEPARATOR ', ') "
      "FROM information_schema.statistics WHERE table_schema = DATABASE() "
      "GROUP BY table_name, index_name, index_type",
      &rows));
  for (const Row& r : rows) {
    out->push_back({"index", CellText(r, 0) + "." + CellText(r, 1),
                    std::string(CellText(r, 2) == "0" ? "UNIQUE " : "") + CellText(r, 3) + " (" + CellText(r, 4) + ")"});
  }

  rows.clear();
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT k.table_name, k.constraint_name, GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position "
      "SEPARATOR ', '), k.referenced_table_name, GROUP_CONCAT(k.referenced_column_name ORDER BY "
      "k.ordinal_position SEPARATOR ', '), r.update_rule, r.delete_rule FROM information_schema.key_column_usage k "
      "JOIN information_schema.referential_constraints r ON r.constraint_schema = k.constraint_schema "
      "AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name "
      "WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL "
      "GROUP BY k.table_name, k.constraint_name, k.referenced_table_name, r.update_rule, r.delete_rule",
      &rows));
  for (const Row& r : rows) {
    out->push_back({"constraint", CellText(r, 0) + "." + CellText(r, 1),
                    "FOREIGN KEY (" + CellText(r, 2) + ") REFERENCES " + CellText(r, 3) + " (" + CellText(r, 4) +
                        ") ON UPDATE " + CellText(r, 5) + " ON DELETE " + CellText(r, 6)});
  }

  // CHECK constraints: MariaDB 10.2+ and MySQL 8.0.16+ list them.
  rows.clear();
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT table_name, constraint_name, check_clause FROM information_schema.check_constraints "
      "WHERE constraint_schema = DATABASE()",
      &rows));
  for (const Row& r : rows) {
    out->push_back({"constraint", CellText(r, 0) + "." + CellText(r, 1), "CHECK (" + CellText(r, 2) + ")"});
  }

  rows.clear();
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT event_object_table, trigger_name, CONCAT(action_timing, ' ', event_manipulation, ' FOR EACH ', "
      "action_orientation, ' ', action_statement) FROM information_schema.triggers "
      "WHERE trigger_schema = DATABASE()",
      &rows));
  for (const Row& r : rows) out->push_back({"trigger", CellText(r, 0) + "." + CellText(r, 1), CellText(r, 2)});
  return Status::OK();
}

}  // namespace gander
