// golang-migrate's x- parameters, per driver as its database/postgres,
// database/pgx (v4 and v5), database/mysql and database/sqlite3 (and
// database/sqlite) read them from the URL's query.
#include "db/dsn_migrate.h"

#include <cctype>
#include <map>

#include "core/settings.h"
#include "db/dsn.h"
#include "db/dsn_parts.h"

namespace gander {
namespace {

// What gander does with a parameter.
enum class Effect {
  kTable,          // x-migrations-table
  kTableQuoted,    // x-migrations-table-quoted
  kTimeout,        // x-statement-timeout
  kIgnoredBool,    // accepted (a boolean), ignored with the reason
  kIgnoredNumber,  // accepted (a whole number), ignored with the reason
  kIgnoredText,    // accepted (any value), ignored with the reason
  kRefusedTls,     // MySQL TLS: refused
};

struct Known {
  Effect effect;
  const char* reason;  // for the ignored ones: why gander needs no such setting
};

constexpr const char* kSplits = "gander splits every file into statements itself";
constexpr const char* kOwnLock = "gander takes its own lock on the database";

const std::map<std::string, Known>& KnownFor(MigrateDriver driver) {
  static const std::map<std::string, Known> postgres = {
      {"x-migrations-table", {Effect::kTable, ""}},
      {"x-migrations-table-quoted", {Effect::kTableQuoted, ""}},
      {"x-statement-timeout", {Effect::kTimeout, ""}},
      {"x-multi-statement", {Effect::kIgnoredBool, kSplits}},
      {"x-multi-statement-max-size", {Effect::kIgnoredNumber, kSplits}},
      {"x-lock-strategy", {Effect::kIgnoredText, kOwnLock}},
      {"x-lock-table", {Effect::kIgnoredText, kOwnLock}},
  };
  static const std::map<std::string, Known> mysql = {
      {"x-migrations-table", {Effect::kTable, ""}},
      {"x-statement-timeout", {Effect::kTimeout, ""}},
      {"x-no-lock", {Effect::kIgnoredBool, kOwnLock}},
      {"x-tls-ca", {Effect::kRefusedTls, ""}},
      {"x-tls-cert", {Effect::kRefusedTls, ""}},
      {"x-tls-key", {Effect::kRefusedTls, ""}},
      {"x-tls-insecure-skip-verify", {Effect::kRefusedTls, ""}},
  };
  static const std::map<std::string, Known> sqlite = {
      {"x-migrations-table", {Effect::kTable, ""}},
      {"x-no-tx-wrap",
       {Effect::kIgnoredBool,
        "gander runs a file that writes its own BEGIN/COMMIT (or PRAGMA foreign_keys) "
        "outside its transaction anyway"}},
  };
  return driver == MigrateDriver::kPostgres ? postgres : driver == MigrateDriver::kMysql ? mysql : sqlite;
}

const char* DriverName(MigrateDriver driver) {
  return driver == MigrateDriver::kPostgres ? "postgres" : driver == MigrateDriver::kMysql ? "mysql" : "sqlite3";
}

// Go's strconv.ParseBool.
bool ParseGoBool(const std::string& text, bool* out) {
  static const std::map<std::string, bool> values = {
      {"1", true},  {"t", true},  {"T", true},  {"TRUE", true},   {"true", true},   {"True", true},
      {"0", false}, {"f", false}, {"F", false}, {"FALSE", false}, {"false", false}, {"False", false}};
  auto it = values.find(text);
  if (it == values.end()) return false;
  *out = it->second;
  return true;
}

// A whole, non-negative number (Go's strconv.Atoi, less the sign).
bool ParseCount(const std::string& text, long long* out) {
  if (text.empty() || text.size() > 15) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  *out = std::stoll(text);
  return true;
}

// x-migrations-table as gander names a table: with x-migrations-table-quoted,
// `"schema"."table"` or `"table"`; without, one name (golang-migrate quotes
// it whole, so a '.' would be part of the table's name, which gander cannot
// read).
Status MigrationsTable(const std::string& value, bool quoted, std::string* out) {
  std::string name = value;
  if (quoted) {
    if (value.size() < 2 || value.front() != '"' || value.back() != '"') {
      return Status::Invalid(
          "DSN parameter x-migrations-table must be quoted (\"schema\".\"table\") when "
          "x-migrations-table-quoted is true, as golang-migrate requires");
    }
    std::vector<std::string> parts;
    for (size_t open = value.find('"'); open != std::string::npos; open = value.find('"', open)) {
      size_t close = value.find('"', open + 1);
      if (close == std::string::npos) break;
      parts.push_back(value.substr(open + 1, close - open - 1));
      open = close + 1;
    }
    if (parts.size() > 2) {
      return Status::Invalid("DSN parameter x-migrations-table holds more than \"schema\".\"table\"");
    }
    name = parts.size() == 2 ? parts[0] + "." + parts[1] : parts.back();
  } else if (value.find('.') != std::string::npos) {
    return Status::Invalid(
        "DSN parameter x-migrations-table holds a '.', which golang-migrate takes as part of "
        "the table's name; to name a schema, write x-migrations-table=\"schema\".\"table\" "
        "(percent-encoded: %22schema%22.%22table%22) with x-migrations-table-quoted=true");
  }
  GANDER_RETURN_IF_ERROR(ValidateTableName(name).Prepend("DSN parameter x-migrations-table"));
  *out = name;
  return Status::OK();
}

}  // namespace

bool IsMigrateParameter(const std::string& key) { return dsn_parts::StartsWith(key, "x-"); }

Status ReadMigrateSettings(MigrateDriver driver, const std::vector<std::pair<std::string, std::string>>& params,
                           MigrateSettings* out) {
  *out = MigrateSettings();
  const std::map<std::string, Known>& known = KnownFor(driver);
  std::map<std::string, std::string> given;  // the first value of each, as Go's url.Values.Get reads it
  std::vector<std::string> order;
  for (const auto& [key, value] : params) {
    auto it = known.find(key);
    if (it == known.end()) {
      std::string names;
      for (const auto& [name, unused] : known) names += (names.empty() ? "" : ", ") + name;
      return Status::Invalid("unknown DSN parameter " + dsn_parts::NameOrPart(key, "starting with x-") +
                             ": golang-migrate's " + DriverName(driver) + " driver knows " + names);
    }
    if (given.emplace(key, value).second) order.push_back(key);
  }
  bool quoted = false;
  if (auto q = given.find("x-migrations-table-quoted"); q != given.end() && !ParseGoBool(q->second, &quoted)) {
    return Status::Invalid("DSN parameter x-migrations-table-quoted must be true or false");
  }
  for (const std::string& key : order) {
    const std::string& value = given[key];
    const Known& k = known.at(key);
    bool flag = false;
    long long number = 0;
    switch (k.effect) {
      case Effect::kTable:
        GANDER_RETURN_IF_ERROR(MigrationsTable(value, quoted, &out->migrations_table));
        break;
      case Effect::kTableQuoted:
        break;  // read above
      case Effect::kTimeout:
        if (!ParseCount(value, &number)) {
          return Status::Invalid("DSN parameter x-statement-timeout must be a whole number of milliseconds");
        }
        out->statement_timeout = std::chrono::milliseconds(number);
        break;
      case Effect::kIgnoredBool:
        if (!ParseGoBool(value, &flag)) return Status::Invalid("DSN parameter " + key + " must be true or false");
        out->ignored.push_back("DSN parameter " + key + " ignored: " + k.reason);
        break;
      case Effect::kIgnoredNumber:
        if (!ParseCount(value, &number)) return Status::Invalid("DSN parameter " + key + " must be a whole number");
        out->ignored.push_back("DSN parameter " + key + " ignored: " + k.reason);
        break;
      case Effect::kIgnoredText:
        out->ignored.push_back("DSN parameter " + key + " ignored: " + k.reason);
        break;
      case Effect::kRefusedTls:
        return Status::Invalid("DSN parameter " + key +
                               " (golang-migrate's MySQL TLS setting) is not supported "
                               "yet; refusing to connect without the TLS it asks for "
                               "(docs/switching-from-golang-migrate.md#the-dsn)");
    }
  }
  return Status::OK();
}

namespace {

// The x- parameters of a SQLite `file:` URI's query, decoded as SQLite
// decodes them; nothing for a plain path (its '?' is part of the file name).
Status SqliteMigrateParams(const std::string& dsn, std::vector<std::pair<std::string, std::string>>* out) {
  size_t query = dsn.find('?');
  if (!dsn_parts::StartsWith(dsn, "file:") || query == std::string::npos) return Status::OK();
  size_t end = dsn.find('#', query);
  std::string text = dsn.substr(query + 1, end == std::string::npos ? std::string::npos : end - query - 1);
  for (size_t start = 0; start <= text.size();) {
    size_t amp = text.find('&', start);
    if (amp == std::string::npos) amp = text.size();
    std::string pair = text.substr(start, amp - start);
    size_t equals = pair.find('=');
    std::string key, value;
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(pair.substr(0, equals), "parameter name", &key));
    if (IsMigrateParameter(key)) {
      if (equals != std::string::npos) {
        GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(pair.substr(equals + 1), "parameter value", &value));
      }
      out->emplace_back(key, value);
    }
    start = amp + 1;
  }
  return Status::OK();
}

}  // namespace

Status MigrateSettingsFor(const std::string& driver, const std::string& dsn, MigrateSettings* out) {
  *out = MigrateSettings();
  Dsn parsed;
  if (driver == "postgres") {
    if (!ParsePostgresDsn(dsn, &parsed).ok()) return Status::OK();
    return ReadMigrateSettings(MigrateDriver::kPostgres, parsed.migrate, out);
  }
  if (driver == "mysql") {
    if (!ParseMysqlDsn(dsn, &parsed).ok()) return Status::OK();
    return ReadMigrateSettings(MigrateDriver::kMysql, parsed.migrate, out);
  }
  if (driver == "sqlite3") {
    GANDER_RETURN_IF_ERROR(SqliteMigrateParams(dsn, &parsed.migrate));
    return ReadMigrateSettings(MigrateDriver::kSqlite, parsed.migrate, out);
  }
  return Status::OK();
}

}  // namespace gander
