#include "db/connection.h"

#include <cctype>
#include <cstdlib>
#include <set>

#include "core/statement_kind.h"

#include "db/engine_registry.h"
#include "db/scrubbing_connection.h"

namespace gander {

std::optional<std::string> CanonicalDriver(const std::string& driver) {
  const EngineInfo* engine = FindEngine(driver);
  if (engine == nullptr) return std::nullopt;
  return std::string(engine->name);
}

Status TableExists(Connection& conn, const std::string& table, bool* exists) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(conn.dialect().TableExists(table), &rows));
  *exists = !rows.empty();
  return Status::OK();
}

Status TablesExist(Connection& conn, const std::vector<std::string>& tables, std::vector<bool>* exists) {
  // Each table's own TableExists query as a derived table, tagged with its
  // index: the same answers as asking one by one.
  std::string sql;
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string k = std::to_string(i);
    sql += (i == 0 ? "" : " UNION ALL ") + std::string("SELECT ") + k + " FROM (" +
           conn.dialect().TableExists(tables[i]) + ") AS e" + k;
  }
  exists->assign(tables.size(), false);
  if (tables.empty()) return Status::OK();
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(sql, &rows));
  for (const Row& row : rows) {
    size_t i = row.empty() || !row[0] ? tables.size() : std::strtoul(row[0]->c_str(), nullptr, 10);
    if (i < tables.size()) (*exists)[i] = true;
  }
  return Status::OK();
}

Status ColumnExists(Connection& conn, const std::string& table, const std::string& column, bool* exists) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(conn.dialect().ColumnExists(table, column), &rows));
  *exists = !rows.empty();
  return Status::OK();
}

bool MeansAlreadyApplied(const Dialect& dialect, const Status& error, const std::string& statement) {
  Dialect::SchemaError kind = dialect.ClassifySchemaError(error);
  if (kind == Dialect::SchemaError::kNone) return false;
  std::string keyword = FirstKeyword(statement);
  std::set<std::string> words;  // the statement's words, upper-cased
  std::string word;
  for (char c : statement + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.insert(word);
      word.clear();
    }
  }
  auto has_word = [&](const char* w) { return words.count(w) > 0; };
  if (kind == Dialect::SchemaError::kExists) return keyword == "CREATE" || (keyword == "ALTER" && has_word("ADD"));
  return keyword == "DROP" || keyword == "RENAME" || (keyword == "ALTER" && (has_word("DROP") || has_word("RENAME")));
}

Status RefuseReadOnlyServer(Connection& conn) {
  const Dialect& dialect = conn.dialect();
  if (dialect.ReadOnlyQuery().empty()) return Status::OK();
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(dialect.ReadOnlyQuery(), &rows));
  if (rows.empty() || CellText(rows[0], 0) != "1") return Status::OK();
  return Status::Refused("refusing to change a read-only server: " + dialect.ReadOnlyReason() +
                         "; run gander against the primary (the replica follows it); nothing was run");
}

Status OpenConnection(const std::string& driver, const std::string& dsn, const ClientDeadlines& deadlines,
                      std::unique_ptr<Connection>* out) {
  const EngineInfo* engine = FindEngine(driver);
  if (engine == nullptr) return UnknownDriverError(driver);
  if (engine->parse_dsn != nullptr) {  // a malformed DSN is reported before any driver is loaded
    Dsn parsed;
    GANDER_RETURN_IF_ERROR(engine->parse_dsn(dsn, &parsed));
  }
  DriverOpenFn open = engine->open;
  if (open == nullptr) GANDER_RETURN_IF_ERROR(LoadDriver(engine->module, &open));
  // The driver boundary: no message from a client library or a server
  // leaves src/db with one of the connection's secrets in it.
  SecretScrubber scrubber = ScrubberFor(driver, dsn);
  std::unique_ptr<Connection> conn;
  Status st = open(dsn, deadlines, &conn);
  if (!st.ok()) return scrubber.Scrub(st);
  *out = ScrubbingConnection(std::move(conn), std::move(scrubber));
  return Status::OK();
}

Status OpenConnection(const std::string& driver, const std::string& dsn, std::unique_ptr<Connection>* out) {
  return OpenConnection(driver, dsn, ClientDeadlines(), out);
}

}  // namespace gander
