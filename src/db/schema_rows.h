// The shape the PostgreSQL and MySQL schema readers share: one query whose
// rows are (kind, name, definition, body) text, turned into SchemaObjects.
#pragma once

#include <string>
#include <vector>

#include "core/schema.h"
#include "core/status.h"
#include "db/connection.h"

namespace gander {

// Runs `query` and appends one object per row. A row's body (4th column,
// NULL for most kinds) is not kept: its BodyHash is added to the definition
// as " BODY <hash>". Errors are the engine's, unchanged.
Status ReadSchemaRows(Connection& conn, const std::string& query, std::vector<SchemaObject>* out);

}  // namespace gander
