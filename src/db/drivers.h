// Constructors of the engine drivers, used by OpenConnection only (the
// PostgreSQL and MySQL ones through db/driver_loader.h).
#pragma once

#include <memory>
#include <string>

#include "db/connection.h"

namespace gander {

// `path` is the database file (":memory:" allowed; `file:` URIs passed on).
Status OpenSqlite(const std::string& path, std::unique_ptr<Connection>* out);
// DSN forms in db/dsn.h.
Status OpenPostgres(const std::string& dsn, std::unique_ptr<Connection>* out);
Status OpenMysql(const std::string& dsn, std::unique_ptr<Connection>* out);

}  // namespace gander
