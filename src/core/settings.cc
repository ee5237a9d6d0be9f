#include "core/settings.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace gander {
namespace {

struct SettingSpec {
  const char* name;
  SettingSources sources;
};

// One line per setting.
const std::vector<SettingSpec>& Specs() {
  static const std::vector<SettingSpec> specs = {
      {"driver", {"GANDER_DRIVER", "GOOSE_DRIVER", true, ""}},
      {"dbstring", {"GANDER_DBSTRING", "GOOSE_DBSTRING", true, ""}},
      {"dir", {"GANDER_MIGRATION_DIR", "GOOSE_MIGRATION_DIR", true, "."}},
      {"table", {"GANDER_TABLE", "GOOSE_TABLE", true, "goose_db_version"}},
      {"snapshot_dir", {"GANDER_SNAPSHOT_DIR", "", true, ""}},  // empty: no snapshot files
  };
  return specs;
}

// A variable's value, or nullptr when it is unset or empty.
const std::string* Lookup(const std::map<std::string, std::string>& vars, const char* name) {
  if (*name == '\0') return nullptr;
  auto it = vars.find(name);
  return it == vars.end() || it->second.empty() ? nullptr : &it->second;
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

std::vector<std::string> SettingNames() {
  std::vector<std::string> names;
  for (const SettingSpec& s : Specs()) names.push_back(s.name);
  return names;
}

ResolvedSetting ResolveSetting(const std::string& name, const SettingSources& sources, const std::string* flag,
                               const std::map<std::string, std::string>& env,
                               const std::map<std::string, std::string>& dotenv,
                               const std::map<std::string, std::string>& project, const std::string& project_file) {
  if (flag != nullptr) return {*flag, "flag"};
  for (const auto* vars : {&env, &dotenv}) {
    const char* where = vars == &env ? "env " : ".env ";
    for (const char* variable : {sources.env, sources.goose_env}) {
      if (const std::string* value = Lookup(*vars, variable)) return {*value, where + std::string(variable)};
    }
  }
  auto it = project.find(name);
  if (sources.project && it != project.end()) return {it->second, project_file};
  return {sources.fallback, "default"};
}

const SettingSources& CoreSettingSources(const std::string& name) {
  for (const SettingSpec& s : Specs()) {
    if (name == s.name) return s.sources;
  }
  static const SettingSources none;
  return none;
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
