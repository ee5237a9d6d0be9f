// SQLite's schema from sqlite_master and the pragma table-valued functions,
// one query per kind of object (not per table, so that a database with
// thousands of tables is read quickly). What the pragmas do not expose (CHECK
// constraints, AUTOINCREMENT, generation expressions, WITHOUT ROWID, STRICT)
// is read from the CREATE TABLE text SQLite keeps. Views and triggers are
// described by that text too, as tokens (core/sql_tokens.h), so that spacing,
// comments and keyword case do not count.

#include <map>
#include <set>

#include "core/sql_tokens.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

// What a CREATE TABLE statement says beyond the pragmas.
struct TableText {
  std::string options;                                      // "WITHOUT ROWID", "STRICT", "WITHOUT ROWID, STRICT"
  std::set<std::string> autoincrement;                      // lower-cased column names
  std::map<std::string, std::string> generated;             // column -> "AS (expr) STORED"
  std::vector<std::pair<std::string, std::string>> checks;  // (expression, CONSTRAINT name or "")
};

bool IsWord(const SqlToken& t, const char* word) { return t.type == SqlToken::Type::kWord && t.text == word; }
bool IsPunct(const SqlToken& t, const char* p) { return t.type == SqlToken::Type::kPunct && t.text == p; }

// The index just past the parenthesis that closes the one at tokens[open].
size_t CloseParen(const std::vector<SqlToken>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (IsPunct(tokens[i], "(")) ++depth;
    if (IsPunct(tokens[i], ")") && --depth == 0) return i + 1;
  }
  return tokens.size();
}

// One column or table constraint of the body: tokens [begin, end).
void ReadDefinition(const std::vector<SqlToken>& tokens, size_t begin, size_t end, TableText* out) {
  if (begin >= end) return;
  static const char* const kTableConstraints[] = {"constraint", "primary", "unique", "check", "foreign"};
  bool is_column = true;
  for (const char* word : kTableConstraints) is_column = is_column && !IsWord(tokens[begin], word);
  std::string column = is_column ? tokens[begin].text : "";
  std::string constraint_name;
  for (size_t i = begin; i < end; ++i) {
    const SqlToken& t = tokens[i];
    if (IsWord(t, "constraint") && i + 1 < end) constraint_name = tokens[i + 1].text;
    if (is_column && IsWord(t, "autoincrement")) out->autoincrement.insert(column);
    bool check = IsWord(t, "check") && i + 1 < end && IsPunct(tokens[i + 1], "(");
    bool generated = is_column && IsWord(t, "as") && i + 1 < end && IsPunct(tokens[i + 1], "(");
    if (!check && !generated) continue;
    size_t close = CloseParen(tokens, i + 1);
    std::string expr = JoinSqlTokens(tokens, i + 2, close - 1);
    if (check) {
      out->checks.push_back({expr, constraint_name});
    } else {
      bool stored = close < end && IsWord(tokens[close], "stored");
      out->generated[column] = "AS (" + expr + ")" + (stored ? " STORED" : " VIRTUAL");
    }
    constraint_name.clear();
    i = close - 1;
  }
}

// Reads the parts of a CREATE TABLE text the pragmas leave out.
TableText ParseCreateTable(const std::string& sql) {
  TableText out;
  std::vector<SqlToken> tokens = TokenizeSql(sql);
  size_t open = 0;
  while (open < tokens.size() && !IsPunct(tokens[open], "(")) ++open;
  if (open == tokens.size()) return out;  // CREATE TABLE ... AS SELECT: nothing more to read
  size_t close = CloseParen(tokens, open);
  size_t start = open + 1;
  int depth = 0;
  for (size_t i = open + 1; i + 1 < close; ++i) {
    if (IsPunct(tokens[i], "(")) ++depth;
    if (IsPunct(tokens[i], ")")) --depth;
    if (depth == 0 && IsPunct(tokens[i], ",")) {
      ReadDefinition(tokens, start, i, &out);
      start = i + 1;
    }
  }
  ReadDefinition(tokens, start, close - 1, &out);
  for (size_t i = close; i < tokens.size(); ++i) {
    if (IsWord(tokens[i], "rowid")) out.options += std::string(out.options.empty() ? "" : ", ") + "WITHOUT ROWID";
    if (IsWord(tokens[i], "strict")) out.options += std::string(out.options.empty() ? "" : ", ") + "STRICT";
  }
  return out;
}

// A column's name as ParseCreateTable keys it (a name token).
std::string ColumnKey(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return NormalizeSql(quoted + "\"");
}

const char* const kUserTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

Status ReadColumns(Connection& conn, const std::map<std::string, TableText>& tables, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(
      conn.Query(std::string("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden, "
                             "(SELECT count(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) FROM sqlite_master m "
                             "JOIN pragma_table_xinfo(m.name) p WHERE ") +
                     kUserTables,
                 &rows));
  for (const Row& r : rows) {
    std::string table = CellText(r, 0), column = CellText(r, 1), hidden = CellText(r, 6);
    auto text = tables.find(table);
    std::string key = ColumnKey(column);
    std::string def = CellText(r, 2);
    if (CellText(r, 3) == "1") def += " NOT NULL";
    if (r[4]) def += " DEFAULT " + *r[4];
    // pk is the column's position in the primary key: a key of one column is
    // said here, a longer one by its index ("index t.primary key (a, b)").
    if (CellText(r, 5) != "0" && CellText(r, 7) == "1") {
      def += " PRIMARY KEY";
      if (text != tables.end() && text->second.autoincrement.count(key)) def += " AUTOINCREMENT";
    }
    if (hidden == "2" || hidden == "3") {
      std::string expr;
      if (text != tables.end() && text->second.generated.count(key)) expr = text->second.generated.at(key);
      def += " GENERATED ALWAYS " + (expr.empty() ? std::string(hidden == "3" ? "STORED" : "VIRTUAL") : expr);
    } else if (hidden == "1") {
      def += " HIDDEN";
    }
    out->push_back({"column", table + "." + column, def});
  }
  return Status::OK();
}

Status ReadIndexes(Connection& conn, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(
      conn.Query(std::string("SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, "
                             "(SELECT group_concat(coalesce(i.name, '<expression>'), ', ') FROM "
                             "(SELECT name FROM pragma_index_info(l.name) ORDER BY seqno) i), x.sql "
                             "FROM sqlite_master m JOIN pragma_index_list(m.name) l "
                             "LEFT JOIN sqlite_master x ON x.type = 'index' AND x.name = l.name WHERE ") +
                     kUserTables,
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
  GANDER_RETURN_IF_ERROR(
      conn.Query("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger') "
                 "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                 &rows));
  std::map<std::string, TableText> tables;
  for (const Row& r : rows) {
    std::string type = CellText(r, 0), name = CellText(r, 1);
    if (type == "table") {
      TableText text = ParseCreateTable(CellText(r, 3));
      out->push_back({"table", name, text.options});
      // Named by their CONSTRAINT name, or by their expression when they have none.
      for (const auto& [expr, constraint] : text.checks) {
        out->push_back({"constraint", name + "." + (constraint.empty() ? "check (" + expr + ")" : constraint),
                        "CHECK (" + expr + ")"});
      }
      tables[name] = std::move(text);
    } else if (type == "view") {
      out->push_back({"view", name, NormalizeSql(CellText(r, 3))});
    } else {
      out->push_back({"trigger", CellText(r, 2) + "." + name, NormalizeSql(CellText(r, 3))});
    }
  }
  GANDER_RETURN_IF_ERROR(ReadColumns(conn, tables, out));
  GANDER_RETURN_IF_ERROR(ReadIndexes(conn, out));
  return ReadForeignKeys(conn, out);
}

}  // namespace gander
