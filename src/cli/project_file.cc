#include "cli/project_file.h"

#include <sys/stat.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/real_env.h"
#include "cli/settings_table.h"

namespace gander {

Status ReadProjectFile(const std::string& path, std::map<std::string, std::string>* values, std::string* used) {
  values->clear();
  used->clear();
  std::string file = path.empty() ? "gander.json" : path;
  struct stat info;
  if (stat(file.c_str(), &info) != 0) {
    if (path.empty()) return Status::OK();
    return Status::Invalid("project file not found").At(file);
  }
  std::string text;
  GANDER_RETURN_IF_ERROR(ReadWholeFile(file, &text));
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::Invalid("not a JSON object of settings (e.g. {\"driver\": \"sqlite3\", \"dir\": \"migrations\"})")
        .At(file);
  }
  std::vector<std::string> known;  // the table's rows that gander.json may set
  for (const SettingRow& row : SettingRows()) {
    if (row.sources.project) known.push_back(row.name);
  }
  for (const auto& [key, value] : json.items()) {
    if (key == "lint" || key == "no_down") continue;  // not strings: ReadProjectLint, ReadProjectKey
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
      return Status::Invalid("unknown setting \"" + key + "\" (known: " + list + ")").At(file);
    }
    if (value.is_string()) {
      (*values)[key] = value.get<std::string>();
    } else if (value.is_number() || value.is_boolean()) {  // "lock_timeout": 30
      (*values)[key] = value.dump();
    } else {
      return Status::Invalid("setting \"" + key + "\" must be a string or a number").At(file);
    }
  }
  *used = file;
  return Status::OK();
}

Status ReadProjectLint(const std::string& path, nlohmann::json* lint, std::string* used) {
  return ReadProjectKey(path, "lint", lint, used);
}

Status ReadProjectKey(const std::string& path, const std::string& key, nlohmann::json* lint, std::string* used) {
  *lint = nullptr;
  std::map<std::string, std::string> values;
  GANDER_RETURN_IF_ERROR(ReadProjectFile(path, &values, used));  // the same file, checked the same way
  if (used->empty()) return Status::OK();
  std::string text;
  GANDER_RETURN_IF_ERROR(ReadWholeFile(*used, &text));
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_object() && json.contains(key)) *lint = json[key];
  return Status::OK();
}

}  // namespace gander
