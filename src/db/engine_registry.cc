#include "db/engine_registry.h"

#include "core/settings.h"
#include "db/companion_tables.h"
#include "db/dialect_mysql.h"
#include "db/dialect_postgres.h"
#include "db/dialect_sqlite.h"
#include "db/driver_loader.h"
#include "db/drivers.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

// A SQLite DSN is a path or a `file:` URI: its parameters are no secret,
// but not part of the name either.
std::string SqliteDatabaseName(const std::string& dsn) { return dsn.substr(0, dsn.find('?')); }

template <Status (*Parse)(const std::string&, Dsn*)>
std::string ServerDatabaseName(const std::string& dsn) {
  Dsn parsed;
  if (Parse(dsn, &parsed).ok()) return parsed.database;
  return "(invalid DSN)";
}

// How the engine is named in messages.
std::string DisplayName(const EngineInfo& engine) {
  std::string name = engine.name;
  return name == "postgres" ? "PostgreSQL" : name == "mysql" ? "MySQL" : "SQLite";
}

const SqliteDialect kSqlite;
const PostgresDialect kPostgres;
const MysqlDialect kMysql;

}  // namespace

const std::vector<EngineInfo>& Engines() {
  static const std::vector<EngineInfo> engines = {
      {"sqlite3", {"sqlite3", "sqlite"}, &kSqlite, nullptr, &RedactDsn, &SqliteDatabaseName, true, nullptr, nullptr,
       &ReadSqliteSchema, &OpenSqlite, nullptr},
      {"postgres", {"postgres", "pgx", "postgresql"}, &kPostgres, &ParsePostgresDsn, &RedactPostgresDsn,
       &ServerDatabaseName<ParsePostgresDsn>, false, &PostgresDsnForDatabase, &PostgresDsnForSchema,
       &ReadPostgresSchema, nullptr, "postgres"},
      {"mysql", {"mysql", "mariadb"}, &kMysql, &ParseMysqlDsn, &RedactMysqlDsn, &ServerDatabaseName<ParseMysqlDsn>, false,
       &MysqlDsnForDatabase, nullptr, &ReadMysqlSchema, nullptr, "mysql"},
  };
  return engines;
}

const EngineInfo* FindEngine(const std::string& driver) {
  for (const EngineInfo& engine : Engines()) {
    for (const std::string& alias : engine.aliases) {
      if (alias == driver) return &engine;
    }
  }
  return nullptr;
}

Status UnknownDriverError(const std::string& driver) {
  std::string names;
  const std::vector<EngineInfo>& engines = Engines();
  for (size_t i = 0; i < engines.size(); ++i) {
    names += (i == 0 ? "" : i + 1 == engines.size() ? " or " : ", ") + std::string(engines[i].name);
  }
  return Status::Invalid("unknown driver \"" + driver + "\" (use " + names + ")");
}

std::string DatabaseNameForDisplay(const std::string& driver, const std::string& dsn) {
  const EngineInfo* engine = FindEngine(driver);
  return engine ? engine->database_for_display(dsn) : RedactDsn(dsn.substr(0, dsn.find('?')));
}

Status ValidateTableNameFor(const std::string& driver, const std::string& table) {
  const EngineInfo* engine = FindEngine(driver);
  IdentifierLimit limit;
  if (engine != nullptr) {
    limit.max_bytes = engine->dialect->MaxIdentifierBytes();
    limit.engine = DisplayName(*engine);
    for (const std::string& suffix : CompanionTableSuffixes()) {
      if (suffix.size() > limit.longest_suffix.size()) limit.longest_suffix = suffix;
    }
  }
  return ValidateTableName(table, limit);
}

std::vector<std::string> IgnoredDsnParameters(const std::string& driver, const std::string& dsn) {
  const EngineInfo* engine = FindEngine(driver);
  Dsn parsed;
  if (engine == nullptr || engine->parse_dsn == nullptr || !engine->parse_dsn(dsn, &parsed).ok()) return {};
  return parsed.ignored;
}

std::string RedactDsnFor(const std::string& driver, const std::string& dsn) {
  const EngineInfo* engine = FindEngine(driver);
  return engine ? engine->redact_dsn(dsn) : RedactDsn(dsn);
}

}  // namespace gander
