// Connection strings: parsing each engine's DSN forms and redacting the
// password for every message, log and snapshot.
#pragma once

#include <map>
#include <string>

#include "core/status.h"

namespace gander {

struct Dsn {
  std::string host;
  int port = 0;  // 0: engine default
  std::string user;
  std::string password;
  std::string database;  // or the file path for SQLite
  std::string socket;    // unix socket path, if given
  std::map<std::string, std::string> params;  // sslmode, search_path, parseTime, ...
};

// PostgreSQL: `postgres://u:p@h:port/db?sslmode=disable` (or postgresql://)
// or a libpq key=value string (`host=h port=5432 user=u password=p dbname=d`).
Status ParsePostgresDsn(const std::string& text, Dsn* out);
// MySQL/MariaDB: `mysql://u:p@h:port/db?...` or goose's `u:p@tcp(h:port)/db?...`
// (also `u:p@unix(/path/sock)/db`).
Status ParseMysqlDsn(const std::string& text, Dsn* out);

// The same PostgreSQL DSN, in the same form, pointing at another database
// (the fleet's "every database matching"), or running in `schema`
// (search_path, the fleet's "every schema matching").
Status PostgresDsnForDatabase(const std::string& text, const std::string& database, std::string* out);
Status PostgresDsnForSchema(const std::string& text, const std::string& schema, std::string* out);
Status MysqlDsnForDatabase(const std::string& text, const std::string& database, std::string* out);

// The DSN with any password replaced by `***`, in whatever form it was
// given (URL userinfo, `password=` key, goose MySQL form). Safe to print.
std::string RedactDsn(const std::string& text);

}  // namespace gander
