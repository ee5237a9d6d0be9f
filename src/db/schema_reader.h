// Reads a database's schema from the engine's own catalog into the canonical
// description of core/schema.h. One reader per engine (schema_sqlite.cc,
// schema_postgres.cc, schema_mysql.cc); gander's own tables are left out.
#pragma once

#include <string>
#include <vector>

#include "core/schema.h"
#include "core/status.h"
#include "db/connection.h"

namespace gander {

// Describes the current schema (PostgreSQL: current_schema(); MySQL: the
// connection's database; SQLite: the main database), leaving out the tracking
// table `tracking_table` and its companions (`<tracking_table>_*`). The result
// is canonical (sorted, whitespace-normalized).
Status ReadSchema(Connection& conn, const std::string& tracking_table, SchemaDescription* out);

// The engine readers behind ReadSchema: every object, gander's tables included.
Status ReadSqliteSchema(Connection& conn, std::vector<SchemaObject>* out);
Status ReadPostgresSchema(Connection& conn, std::vector<SchemaObject>* out);
Status ReadMysqlSchema(Connection& conn, std::vector<SchemaObject>* out);

}  // namespace gander
