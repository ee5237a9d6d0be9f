#include "core/targets.h"

#include <fnmatch.h>

#include <set>

#include <nlohmann/json.hpp>

#include "core/duration.h"
#include "core/envsub.h"

namespace gander {
namespace {

using nlohmann::json;

Status ParseSeconds(const json& value, const std::string& key, std::optional<double>* out) {
  // 30, 2.5, "30s", "250ms", "5m": a deadline reads as a duration.
  double seconds = -1;
  if (value.is_number()) {
    seconds = value.get<double>();
  } else if (value.is_string() && !ParseDuration(value.get<std::string>(), &seconds).ok()) {
    seconds = -1;
  }
  if (seconds < 0) return Status::Invalid("\"" + key + "\" must be a duration (30, \"30s\", \"250ms\", \"5m\")");
  *out = seconds;
  return Status::OK();
}

Status ParseDeadlines(const json& entry, Deadlines* out) {
  for (auto [key, field] : {std::pair<const char*, std::optional<double> Deadlines::*>{"lock_timeout", &Deadlines::lock_timeout},
                            {"statement_timeout", &Deadlines::statement_timeout},
                            {"migration_timeout", &Deadlines::migration_timeout}}) {
    if (entry.contains(key)) GANDER_RETURN_IF_ERROR(ParseSeconds(entry[key], key, &(out->*field)));
  }
  return Status::OK();
}

Status StringField(const json& entry, const char* key, std::string* out) {
  if (!entry.contains(key)) return Status::OK();
  if (!entry[key].is_string()) return Status::Invalid(std::string("\"") + key + "\" must be a string");
  *out = entry[key].get<std::string>();
  return Status::OK();
}

Status ParseTarget(const json& entry, const EnvLookup& env, TargetSpec* spec) {
  static const std::set<std::string> kKeys = {"name", "driver", "dsn", "schema", "table", "glob", "schemas",
                                              "databases", "labels", "lock_timeout", "statement_timeout",
                                              "migration_timeout"};
  if (!entry.is_object()) return Status::Invalid("must be an object");
  for (const auto& item : entry.items()) {
    if (!kKeys.count(item.key())) return Status::Invalid("unknown key \"" + item.key() + "\"");
  }
  for (auto [key, field] : {std::pair<const char*, std::string TargetSpec::*>{"name", &TargetSpec::name},
                            {"driver", &TargetSpec::driver}, {"dsn", &TargetSpec::dsn},
                            {"schema", &TargetSpec::schema}, {"table", &TargetSpec::table},
                            {"glob", &TargetSpec::glob}, {"schemas", &TargetSpec::schemas},
                            {"databases", &TargetSpec::databases}}) {
    GANDER_RETURN_IF_ERROR(StringField(entry, key, &(spec->*field)));
  }
  if (spec->name.empty()) return Status::Invalid("needs a \"name\"");
  if (spec->driver.empty()) return Status::Invalid("needs a \"driver\" (sqlite3, postgres or mysql)");
  int patterns = !spec->glob.empty() + !spec->schemas.empty() + !spec->databases.empty();
  if (patterns > 1) return Status::Invalid("\"glob\", \"schemas\" and \"databases\" exclude each other");
  if (spec->dsn.empty() && spec->glob.empty()) return Status::Invalid("needs a \"dsn\" (or a \"glob\" for SQLite files)");
  if (!spec->glob.empty() && !spec->dsn.empty()) return Status::Invalid("has both \"dsn\" and \"glob\"");
  if (!spec->schema.empty() && !spec->schemas.empty()) return Status::Invalid("has both \"schema\" and \"schemas\"");
  std::string expanded;
  Status st = ExpandEnv(spec->dsn, env, &expanded);
  if (!st.ok()) return st.Prepend("\"dsn\"");
  spec->dsn = expanded;
  if (entry.contains("labels")) {
    const json& labels = entry["labels"];
    if (!labels.is_object()) return Status::Invalid("\"labels\" must be an object of strings");
    for (const auto& label : labels.items()) {
      if (!label.value().is_string()) return Status::Invalid("label \"" + label.key() + "\" must be a string");
      spec->labels[label.key()] = label.value().get<std::string>();
    }
  }
  return ParseDeadlines(entry, &spec->deadlines);
}

Status ParseRule(const json& entry, DeadlineRule* rule) {
  if (!entry.is_object() || !entry.contains("select") || !entry["select"].is_string()) {
    return Status::Invalid("must be an object with a \"select\" string (e.g. \"tier=gold\")");
  }
  for (const auto& item : entry.items()) {
    if (item.key() != "select" && item.key() != "lock_timeout" && item.key() != "statement_timeout" &&
        item.key() != "migration_timeout") {
      return Status::Invalid("unknown key \"" + item.key() + "\"");
    }
  }
  GANDER_RETURN_IF_ERROR(ParseSelectors(entry["select"].get<std::string>(), &rule->select));
  return ParseDeadlines(entry, &rule->deadlines);
}

}  // namespace

Status ParseSelectors(const std::string& text, std::vector<Selector>* out) {
  out->clear();
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t eq = part.find('=');
    if (eq == std::string::npos || eq == 0 || (eq == 1 && part[0] == '!')) {
      return Status::Invalid("selector \"" + part + "\" is not key=value or key!=value");
    }
    Selector s;
    s.negate = part[eq - 1] == '!';
    s.key = part.substr(0, s.negate ? eq - 1 : eq);
    s.pattern = part.substr(eq + 1);
    out->push_back(s);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return Status::OK();
}

bool SelectorsMatch(const std::vector<Selector>& selectors, const std::string& name,
                    const std::map<std::string, std::string>& labels) {
  for (const Selector& s : selectors) {
    std::optional<std::string> value;
    if (s.key == "name") {
      value = name;
    } else if (auto it = labels.find(s.key); it != labels.end()) {
      value = it->second;
    }
    bool matches = value && NameMatches(s.pattern, *value);
    if (matches == s.negate) return false;
  }
  return true;
}

Status ParseTargetsFile(const std::string& text, const EnvLookup& env, TargetsFile* out) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("targets") || !doc["targets"].is_array()) {
    return Status::Invalid("not a targets file: expected a JSON object with a \"targets\" array");
  }
  for (const auto& item : doc.items()) {
    if (item.key() != "targets" && item.key() != "deadlines") {
      return Status::Invalid("unknown key \"" + item.key() + "\" (known: targets, deadlines)");
    }
  }
  *out = TargetsFile();
  const json& targets = doc["targets"];
  for (size_t i = 0; i < targets.size(); ++i) {
    TargetSpec spec;
    Status st = ParseTarget(targets[i], env, &spec);
    if (!st.ok()) {
      std::string where = "targets[" + std::to_string(i) + "]";
      if (targets[i].is_object() && targets[i].contains("name") && targets[i]["name"].is_string()) {
        where += " (\"" + targets[i]["name"].get<std::string>() + "\")";
      }
      return st.Prepend(where);
    }
    out->targets.push_back(std::move(spec));
  }
  if (doc.contains("deadlines")) {
    if (!doc["deadlines"].is_array()) return Status::Invalid("\"deadlines\" must be an array");
    for (size_t i = 0; i < doc["deadlines"].size(); ++i) {
      DeadlineRule rule;
      Status st = ParseRule(doc["deadlines"][i], &rule);
      if (!st.ok()) return st.Prepend("deadlines[" + std::to_string(i) + "]");
      out->deadlines.push_back(std::move(rule));
    }
  }
  return Status::OK();
}

std::string ExpandedTargetName(const std::string& name, const std::string& placeholder, const std::string& item) {
  std::string marker = "{" + placeholder + "}";
  size_t at = name.find(marker);
  if (at == std::string::npos) return name + ":" + item;
  std::string result = name;
  while (at != std::string::npos) {
    result.replace(at, marker.size(), item);
    at = result.find(marker, at + item.size());
  }
  return result;
}

Deadlines DeadlinesFor(const TargetsFile& file, const TargetSpec& spec, const std::string& name,
                       const std::map<std::string, std::string>& labels) {
  Deadlines result;
  for (const DeadlineRule& rule : file.deadlines) {
    if (SelectorsMatch(rule.select, name, labels)) {
      result = rule.deadlines;
      break;
    }
  }
  if (spec.deadlines.lock_timeout) result.lock_timeout = spec.deadlines.lock_timeout;
  if (spec.deadlines.statement_timeout) result.statement_timeout = spec.deadlines.statement_timeout;
  if (spec.deadlines.migration_timeout) result.migration_timeout = spec.deadlines.migration_timeout;
  return result;
}

bool NameMatches(const std::string& pattern, const std::string& name) {
  return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

Status CheckUniqueNames(const std::vector<FleetTarget>& targets) {
  std::set<std::string> seen;
  for (const FleetTarget& t : targets) {
    if (!seen.insert(t.name).second) {
      return Status::Invalid("two targets are named \"" + t.name +
                             "\" (give expanding entries a {file}, {schema} or {database} in their name)");
    }
  }
  return Status::OK();
}

}  // namespace gander
