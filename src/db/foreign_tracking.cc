#include "db/foreign_tracking.h"

#include <cstdlib>

namespace gander {

const char* ToolName(ForeignTracking::Tool tool) {
  return tool == ForeignTracking::Tool::kGolangMigrate ? "golang-migrate" : "dbmate";
}

Status ReadForeignTracking(Connection& conn, const std::string& table, std::optional<ForeignTracking>* out) {
  out->reset();
  bool exists = false, has_version = false, has_dirty = false;
  GANDER_RETURN_IF_ERROR(TableExists(conn, table, &exists));
  if (!exists) return Status::OK();
  GANDER_RETURN_IF_ERROR(ColumnExists(conn, table, "version", &has_version));
  if (!has_version) return Status::OK();
  GANDER_RETURN_IF_ERROR(ColumnExists(conn, table, "dirty", &has_dirty));

  ForeignTracking found;
  found.table = table;
  std::string quoted = conn.dialect().QuoteIdentifier(table);
  std::vector<Row> rows;
  if (has_dirty) {
    found.tool = ForeignTracking::Tool::kGolangMigrate;
    GANDER_RETURN_IF_ERROR(conn.Query("SELECT version, dirty FROM " + quoted, &rows));
    found.rows = rows.size();
    if (!rows.empty()) {
      found.version = std::strtoll(CellText(rows[0], 0).c_str(), nullptr, 10);
      std::string dirty = CellText(rows[0], 1);
      found.dirty = dirty == "1" || dirty == "t" || dirty == "true";
    }
  } else {
    found.tool = ForeignTracking::Tool::kDbmate;
    GANDER_RETURN_IF_ERROR(conn.Query("SELECT version FROM " + quoted + " ORDER BY version", &rows));
    for (const Row& row : rows) found.versions.push_back(CellText(row, 0));
  }
  *out = std::move(found);
  return Status::OK();
}

}  // namespace gander
