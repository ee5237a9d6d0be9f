#include "core/settings.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace gander {
namespace {

struct SettingSpec {
  const char* name;
  const char* env_suffix;  // after GANDER_ / GOOSE_
  const char* fallback;
};

// One line per setting.
const std::vector<SettingSpec>& Specs() {
  static const std::vector<SettingSpec> specs = {
      {"driver", "DRIVER", ""},
      {"dbstring", "DBSTRING", ""},
      {"dir", "MIGRATION_DIR", "."},
      {"table", "TABLE", "goose_db_version"},
      {"snapshot_dir", "SNAPSHOT_DIR", ""},  // empty: DIR/.gander/snapshots
  };
  return specs;
}

bool ValidIdentifier(const std::string& part) {
  if (part.empty()) return false;
  if (!std::isalpha(static_cast<unsigned char>(part[0])) && part[0] != '_') return false;
  for (char c : part) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace

const std::map<std::string, std::string>& SettingEnvSuffixes() {
  static const std::map<std::string, std::string> suffixes = [] {
    std::map<std::string, std::string> m;
    for (const SettingSpec& s : Specs()) m[s.name] = s.env_suffix;
    return m;
  }();
  return suffixes;
}

std::vector<std::string> SettingNames() {
  std::vector<std::string> names;
  for (const SettingSpec& s : Specs()) names.push_back(s.name);
  return names;
}

std::map<std::string, ResolvedSetting> ResolveSettings(const std::map<std::string, std::string>& flags,
                                                       const std::map<std::string, std::string>& env,
                                                       const std::map<std::string, std::string>& dotenv,
                                                       const std::map<std::string, std::string>& project,
                                                       const std::string& project_file) {
  std::map<std::string, ResolvedSetting> out;
  for (const SettingSpec& spec : Specs()) {
    ResolvedSetting r{spec.fallback, "default"};
    std::string gander = std::string("GANDER_") + spec.env_suffix;
    std::string goose = std::string("GOOSE_") + spec.env_suffix;
    auto flag = flags.find(spec.name);
    if (flag != flags.end()) {
      r = {flag->second, "flag"};
    } else if (env.count(gander)) {
      r = {env.at(gander), "env " + gander};
    } else if (env.count(goose)) {
      r = {env.at(goose), "env " + goose};
    } else if (dotenv.count(gander)) {
      r = {dotenv.at(gander), ".env " + gander};
    } else if (dotenv.count(goose)) {
      r = {dotenv.at(goose), ".env " + goose};
    } else if (project.count(spec.name)) {
      r = {project.at(spec.name), project_file};
    }
    out[spec.name] = r;
  }
  return out;
}

Status ValidateTableName(const std::string& name, const IdentifierLimit& limit) {
  size_t dot = name.find('.');
  std::string schema = dot == std::string::npos ? "" : name.substr(0, dot);
  std::string table = dot == std::string::npos ? name : name.substr(dot + 1);
  if (!ValidIdentifier(table) || (dot != std::string::npos && !ValidIdentifier(schema))) {
    return Status::Invalid("invalid table name \"" + name +
                           "\": use letters, digits and _ (optionally schema.table)");
  }
  if (limit.max_bytes == 0) return Status::OK();
  if (schema.size() > limit.max_bytes) {
    return Status::Invalid("schema name \"" + schema + "\" is too long for " + limit.engine + ": " +
                           std::to_string(schema.size()) + " bytes, at most " + std::to_string(limit.max_bytes));
  }
  size_t longest = limit.max_bytes - std::min(limit.max_bytes, limit.longest_suffix.size());
  if (table.size() > longest) {
    return Status::Invalid("table name \"" + table + "\" is too long for " + limit.engine + ": " +
                           std::to_string(table.size()) + " bytes, at most " + std::to_string(longest) + " (" +
                           limit.engine + " names have at most " + std::to_string(limit.max_bytes) +
                           " bytes and gander adds \"" + limit.longest_suffix + "\" for its companion tables)");
  }
  return Status::OK();
}

}  // namespace gander
