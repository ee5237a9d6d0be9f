// SQLite's schema from sqlite_master and the pragma table-valued functions,
// one query per kind of object (not per table, so that a database with
// thousands of tables is read quickly). CHECK constraints are not exposed by
// SQLite's pragmas and are not described.

#include "db/schema_reader.h"

namespace gander {
namespace {

Status ReadColumns(Connection& conn, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden FROM sqlite_master m "
      "JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      &rows));
  for (const Row& r : rows) {
    std::string def = CellText(r, 2);
    if (CellText(r, 3) == "1") def += " NOT NULL";
    if (r[4]) def += " DEFAULT " + *r[4];
    if (CellText(r, 5) != "0") def += " PRIMARY KEY " + CellText(r, 5);
    if (CellText(r, 6) != "0") def += " GENERATED";
    out->push_back({"column", CellText(r, 0) + "." + CellText(r, 1), def});
  }
  return Status::OK();
}

Status ReadIndexes(Connection& conn, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, "
      "(SELECT group_concat(coalesce(i.name, '<expression>'), ', ') FROM "
      "(SELECT name FROM pragma_index_info(l.name) ORDER BY seqno) i), x.sql "
      "FROM sqlite_master m JOIN pragma_index_list(m.name) l "
      "LEFT JOIN sqlite_master x ON x.type = 'index' AND x.name = l.name "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      &rows));
  for (const Row& r : rows) {
    std::string table = CellText(r, 0), origin = CellText(r, 3), columns = "(" + CellText(r, 5) + ")";
    std::string def = std::string(CellText(r, 2) == "1" ? "UNIQUE " : "") + columns;
    if (origin == "c") {
      // A CREATE INDEX: its name is the user's; a partial index keeps its WHERE.
      std::string sql = CellText(r, 6);
      size_t where = sql.rfind(" WHERE ");
      if (CellText(r, 4) == "1" && where != std::string::npos) def += sql.substr(where);
      out->push_back({"index", table + "." + CellText(r, 1), def});
    } else {
      // sqlite_autoindex_<table>_<n>: numbered by SQLite, so named by what it covers.
      out->push_back({"index", table + "." + (origin == "pk" ? "primary key " : "unique ") + columns, def});
    }
  }
  return Status::OK();
}

Status ReadForeignKeys(Connection& conn, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT m.name, f.id, f.\"table\", group_concat(f.\"from\", ', '), group_concat(coalesce(f.\"to\", ''), ', '), "
      "f.on_update, f.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
      "WHERE m.type = 'table' GROUP BY m.name, f.id ORDER BY m.name, f.id",
      &rows));
  for (const Row& r : rows) {
    std::string from = "(" + CellText(r, 3) + ")";
    out->push_back({"constraint", CellText(r, 0) + ".foreign key " + from,
                    "FOREIGN KEY " + from + " REFERENCES " + CellText(r, 2) + " (" + CellText(r, 4) + ") ON UPDATE " +
                        CellText(r, 5) + " ON DELETE " + CellText(r, 6)});
  }
  return Status::OK();
}

}  // namespace

Status ReadSqliteSchema(Connection& conn, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') "
      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
      &rows));
  for (const Row& r : rows) {
    std::string type = CellText(r, 0), name = CellText(r, 1);
    if (type == "table") {
      out->push_back({"table", name, ""});
    } else if (type == "view") {
      out->push_back({"view", name, CellText(r, 3)});
    } else {
      out->push_back({"trigger", CellText(r, 2) + "." + name, CellText(r, 3)});
    }
  }
  GANDER_RETURN_IF_ERROR(ReadColumns(conn, out));
  GANDER_RETURN_IF_ERROR(ReadIndexes(conn, out));
  return ReadForeignKeys(conn, out);
}

}  // namespace gander
