// Another migration tool's record of what it applied, read (never written)
// so that gander can take over a database that tool migrated
// (app/adopt.h). Two shapes are known, both in a table named
// `schema_migrations` by default:
//
//   golang-migrate  (version bigint, dirty boolean): at most one row, the
//                   version of the last migration it ran; dirty while a
//                   migration was running or after one failed part-way.
//   dbmate          (version varchar primary key): one row per applied
//                   migration, its version as text (also Rails' shape).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace gander {

struct ForeignTracking {
  enum class Tool { kGolangMigrate, kDbmate };
  Tool tool = Tool::kGolangMigrate;
  std::string table;  // as found, e.g. "schema_migrations" or "app.schema_migrations"

  // golang-migrate: how many rows the table holds (it keeps 0 or 1), and the
  // first one's version (-1 when there is none) and dirty flag.
  size_t rows = 0;
  int64_t version = -1;
  bool dirty = false;

  // dbmate: every row's version, as stored.
  std::vector<std::string> versions;
};

// "golang-migrate" or "dbmate".
const char* ToolName(ForeignTracking::Tool tool);

// The default name both tools give their table.
constexpr const char* kForeignTrackingTable = "schema_migrations";

// Reads `table` (a validated name, optionally `schema.table`) if it exists and
// has one of the two shapes; *out stays empty when it does not exist or has
// neither shape (no `version` column: another tool's table, not ours to read).
// Errors are the engine's.
Status ReadForeignTracking(Connection& conn, const std::string& table, std::optional<ForeignTracking>* out);

}  // namespace gander
