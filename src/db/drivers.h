// Constructors of the engine drivers, used by OpenConnection only (the
// PostgreSQL and MySQL ones through db/driver_loader.h).
#pragma once

#include <memory>
#include <string>

#include "db/connection.h"

namespace gander {

// `path` is the database file (":memory:" allowed; `file:` URIs passed on).
// A local file has no client deadlines.
Status OpenSqlite(const std::string& path, const ClientDeadlines& deadlines, std::unique_ptr<Connection>* out);
// DSN forms in db/dsn.h; deadlines in db/client_options.h.
Status OpenPostgres(const std::string& dsn, const ClientDeadlines& deadlines, std::unique_ptr<Connection>* out);
Status OpenMysql(const std::string& dsn, const ClientDeadlines& deadlines, std::unique_ptr<Connection>* out);

}  // namespace gander
