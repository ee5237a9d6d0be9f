#include "db/schema_rows.h"

namespace gander {

Status ReadSchemaRows(Connection& conn, const std::string& query, std::vector<SchemaObject>* out) {
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn.Query(query, &rows));
  for (const Row& r : rows) {
    std::string definition = CellText(r, 2);
    if (r.size() > 3 && r[3]) definition += " BODY " + BodyHash(*r[3]);
    out->push_back({CellText(r, 0), CellText(r, 1), definition});
  }
  return Status::OK();
}

}  // namespace gander
