#include "db/schema_reader.h"

#include "db/companion_tables.h"
#include "db/engine_registry.h"
#include "db/lease_lock.h"

namespace gander {
namespace {

// The table an object belongs to: its name, or the part before the first dot.
std::string TableOf(const SchemaObject& o) {
  if (o.kind == "table" || o.kind == "view") return o.name;
  return o.name.substr(0, o.name.find('.'));
}

// The tracking table and the companion tables gander names after it (not
// every `<tracking>_x`: a user's table may be called that), and the lease lock.
bool IsGanderTable(const std::string& table, const std::string& tracking) {
  if (table == tracking || table == kLeaseLockTable) return true;
  for (const std::string& suffix : CompanionTableSuffixes()) {
    if (table == tracking + suffix) return true;
  }
  return false;
}

}  // namespace

Status ReadSchema(Connection& conn, const std::string& tracking_table, SchemaDescription* out) {
  *out = SchemaDescription();
  out->engine = conn.dialect().name();
  // `schema.table`: the objects are listed by table name alone.
  std::string tracking = tracking_table.substr(tracking_table.find('.') + 1);
  const EngineInfo* engine = FindEngine(out->engine);
  if (engine == nullptr || engine->read_schema == nullptr) {
    return Status::Failed("reading the schema: gander has no schema reader for engine \"" + out->engine + "\"");
  }
  std::vector<SchemaObject> all;
  Status st = engine->read_schema(conn, &all);
  if (!st.ok()) return st.Prepend("reading the schema");
  for (SchemaObject& o : all) {
    if (!IsGanderTable(TableOf(o), tracking)) out->objects.push_back(std::move(o));
  }
  Canonicalize(out);
  return Status::OK();
}

}  // namespace gander
