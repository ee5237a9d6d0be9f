#include "db/connection.h"

#include <cctype>
#include <set>

#include "core/statement_kind.h"

#include "db/driver_loader.h"
#include "db/drivers.h"
#include "db/dsn.h"

namespace gander {

std::optional<std::string> CanonicalDriver(const std::string& driver) {
  if (driver == "sqlite3" || driver == "sqlite") return std::string("sqlite3");
  if (driver == "postgres" || driver == "pgx" || driver == "postgresql") return std::string("postgres");
  if (driver == "mysql" || driver == "mariadb") return std::string("mysql");
  return std::nullopt;
}

Status TableExists(Connection& conn, const std::string& table, bool* exists) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(conn.dialect().TableExists(table), &rows));
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

Status OpenConnection(const std::string& driver, const std::string& dsn,
                      std::unique_ptr<Connection>* out) {
  if (driver == "sqlite3") return OpenSqlite(dsn, out);
  if (driver == "postgres" || driver == "mysql") {
    // A malformed DSN is reported before any driver is loaded.
    Dsn parsed;
    GANDER_RETURN_IF_ERROR(driver == "postgres" ? ParsePostgresDsn(dsn, &parsed) : ParseMysqlDsn(dsn, &parsed));
    DriverOpenFn open = nullptr;
    GANDER_RETURN_IF_ERROR(LoadDriver(driver, &open));
    return open(dsn, out);
  }
  return Status::Invalid("unknown driver \"" + driver + "\" (use sqlite3, postgres or mysql)");
}

}  // namespace gander
