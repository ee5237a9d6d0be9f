#include "db/connection.h"

#include "db/drivers.h"

namespace gander {

std::string Dialect::QuoteString(const std::string& value) const {
  std::string out = "'";
  for (char c : value) {
    if (c == '\0') continue;  // never valid inside a literal
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::optional<std::string> CanonicalDriver(const std::string& driver) {
  if (driver == "sqlite3" || driver == "sqlite") return std::string("sqlite3");
  if (driver == "postgres" || driver == "pgx" || driver == "postgresql") return std::string("postgres");
  if (driver == "mysql" || driver == "mariadb") return std::string("mysql");
  return std::nullopt;
}

Status OpenConnection(const std::string& driver, const std::string& dsn,
                      std::unique_ptr<Connection>* out) {
  if (driver == "sqlite3") return OpenSqlite(dsn, out);
  if (driver == "postgres") return OpenPostgres(dsn, out);
  if (driver == "mysql") return OpenMysql(dsn, out);
  return Status::Invalid("unknown driver \"" + driver + "\" (use sqlite3, postgres or mysql)");
}

}  // namespace gander
