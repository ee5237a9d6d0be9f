#include "app/fleet_targets.h"

#include <glob.h>

#include <algorithm>
#include <memory>

#include "app/migration_files.h"
#include "db/connection.h"
#include "db/engine_registry.h"

namespace gander {
namespace {

std::string BaseName(const std::string& path) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  size_t dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

Status GlobFiles(const std::string& pattern, const std::string& base_dir, std::vector<std::string>* files) {
  std::string full = pattern[0] == '/' ? pattern : JoinPath(base_dir, pattern);
  glob_t found{};
  int rc = glob(full.c_str(), 0, nullptr, &found);
  if (rc == 0) {
    for (size_t i = 0; i < found.gl_pathc; ++i) files->push_back(found.gl_pathv[i]);
  }
  globfree(&found);
  if (rc != 0 && rc != GLOB_NOMATCH) return Status::Failed("cannot read the folders of \"" + full + "\"");
  std::sort(files->begin(), files->end());
  return Status::OK();
}

// The schemas or databases on the server whose names match `pattern`.
Status ListServerNames(const TargetSpec& spec, bool databases, std::vector<std::string>* names) {
  std::unique_ptr<Connection> conn;
  GANDER_RETURN_IF_ERROR(OpenConnection(spec.driver, spec.dsn, &conn));
  const Dialect& dialect = conn->dialect();
  std::string sql = databases ? dialect.ListDatabasesQuery() : dialect.ListSchemasQuery();
  std::vector<Row> rows;
  GANDER_RETURN_IF_ERROR(conn->Query(sql, &rows));
  for (const Row& row : rows) {
    std::string name = CellText(row, 0);
    if (NameMatches(databases ? spec.databases : spec.schemas, name)) names->push_back(name);
  }
  std::sort(names->begin(), names->end());
  return Status::OK();
}

FleetTarget Make(const TargetsFile& file, const TargetSpec& spec, const std::string& name, const std::string& dsn) {
  FleetTarget t;
  t.name = name;
  t.driver = spec.driver;
  t.dsn = dsn;
  t.table = spec.table;
  t.labels = spec.labels;
  t.deadlines = DeadlinesFor(file, spec, name, spec.labels);
  return t;
}

Status ExpandOne(const TargetsFile& file, TargetSpec spec, const std::string& base_dir, std::vector<FleetTarget>* out) {
  const EngineInfo* engine = FindEngine(spec.driver);
  if (engine == nullptr) return UnknownDriverError(spec.driver);
  spec.driver = engine->name;
  bool server_pattern = !spec.schemas.empty() || !spec.databases.empty();
  if (!spec.schemas.empty() && engine->dsn_for_schema == nullptr) {
    return Status::Invalid("\"schemas\" is for PostgreSQL targets (on MySQL a schema is a database: use \"databases\")");
  }
  if (!spec.databases.empty() && engine->dsn_for_database == nullptr) {
    return Status::Invalid("\"databases\" is for server targets");
  }
  if (!spec.glob.empty() && !engine->file_based) return Status::Invalid("\"glob\" is for SQLite targets");
  if (!spec.schema.empty() && engine->dsn_for_schema == nullptr) {
    return Status::Invalid("\"schema\" is for PostgreSQL targets (a MySQL schema is its database: name it in the DSN)");
  }
  if (!spec.glob.empty()) {
    std::vector<std::string> files;
    GANDER_RETURN_IF_ERROR(GlobFiles(spec.glob, base_dir, &files));
    if (files.empty()) return Status::Invalid("glob \"" + spec.glob + "\" matches no file");
    for (const std::string& f : files) out->push_back(Make(file, spec, ExpandedTargetName(spec.name, "file", BaseName(f)), f));
    return Status::OK();
  }
  if (server_pattern) {
    bool databases = !spec.databases.empty();
    std::vector<std::string> names;
    GANDER_RETURN_IF_ERROR(ListServerNames(spec, databases, &names));
    const std::string& pattern = databases ? spec.databases : spec.schemas;
    if (names.empty()) {
      return Status::Invalid(std::string(databases ? "database" : "schema") + " pattern \"" + pattern +
                             "\" matches nothing on " + engine->redact_dsn(spec.dsn));
    }
    for (const std::string& n : names) {
      std::string dsn;
      GANDER_RETURN_IF_ERROR(databases ? engine->dsn_for_database(spec.dsn, n, &dsn)
                                       : engine->dsn_for_schema(spec.dsn, n, &dsn));
      out->push_back(Make(file, spec, ExpandedTargetName(spec.name, databases ? "database" : "schema", n), dsn));
    }
    return Status::OK();
  }
  std::string dsn = spec.dsn;
  if (!spec.schema.empty()) GANDER_RETURN_IF_ERROR(engine->dsn_for_schema(spec.dsn, spec.schema, &dsn));
  // A relative file path (not a `file:` URI, not ":memory:") is the targets file's.
  if (engine->file_based && !dsn.empty() && dsn[0] != '/' && dsn.find(':') == std::string::npos) {
    dsn = JoinPath(base_dir, dsn);
  }
  out->push_back(Make(file, spec, spec.name, dsn));
  return Status::OK();
}

}  // namespace

Status ExpandTargets(const TargetsFile& file, const std::string& base_dir, std::vector<FleetTarget>* out) {
  out->clear();
  for (size_t i = 0; i < file.targets.size(); ++i) {
    Status st = ExpandOne(file, file.targets[i], base_dir, out);
    if (!st.ok()) return st.Prepend("targets[" + std::to_string(i) + "] (\"" + file.targets[i].name + "\")");
  }
  return CheckUniqueNames(*out);
}

}  // namespace gander
