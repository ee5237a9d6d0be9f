// env and init: the project around the migrations.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <fstream>
#include <map>

#include "app/migration_files.h"
#include "cli/commands.h"
#include "cli/settings_table.h"
#include "cli/table.h"
#include "core/create.h"
#include "db/dsn.h"

namespace gander {
namespace {

Status WriteNewFile(const std::string& path, const std::string& text) {
  struct stat info;
  if (stat(path.c_str(), &info) == 0) return Status::Refused("already exists; nothing was changed").At(path);
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) return Status::Failed("cannot write file").At(path);
  return Status::OK();
}

// mkdir -p: every missing folder of `path`, as `init db/migrations` needs.
Status MakeFolders(const std::string& path) {
  struct stat info;
  for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    std::string prefix = path.substr(0, slash);
    if (stat(prefix.c_str(), &info) != 0 && mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
      return Status::Failed(std::string("cannot create folder: ") + std::strerror(errno)).At(prefix);
    }
    if (slash == std::string::npos) return Status::OK();
  }
}

// What env reads: every setting with its source.
struct EnvRequest {
  std::map<std::string, ResolvedSetting> settings;

  static EnvRequest From(const Invocation& inv) { return EnvRequest{inv.settings}; }
};

// What init reads.
struct InitRequest {
  Env* env = nullptr;
  std::string dir;  // the folder init makes: its argument, else -dir (or GOOSE_MIGRATION_DIR,
                    // .env) as goose's init does, else "migrations"
  size_t arguments = 0;
  bool dry_run = false;

  static InitRequest From(const Invocation& inv) {
    InitRequest r{inv.env, "migrations", inv.args.size(), inv.dry_run};
    auto setting = inv.settings.find("dir");
    if (!inv.args.empty()) {
      r.dir = inv.args[0];
    } else if (setting != inv.settings.end() && setting->second.source != "default" && !setting->second.value.empty()) {
      r.dir = setting->second.value;
    }
    return r;
  }
};

// env: every setting that the environment, .env or gander.json may set:
// its effective value, where it came from and its variable.
int RunEnv(const EnvRequest& req, const Output& out) {
  std::vector<std::vector<std::string>> rows = {{"SETTING", "VALUE", "SOURCE", "VARIABLE"}};
  nlohmann::json settings = nlohmann::json::object();
  std::vector<const SettingRow*> shown;  // the core settings first, as goose's env lists them
  for (const std::string& name : SettingNames()) shown.push_back(FindSetting(name));
  for (const SettingRow& row : SettingRows()) {
    bool core = std::find(shown.begin(), shown.begin() + static_cast<long>(SettingNames().size()), &row) !=
                shown.begin() + static_cast<long>(SettingNames().size());
    if (!core && (*row.sources.env != '\0' || row.sources.project)) shown.push_back(&row);
  }
  for (const SettingRow* shown_row : shown) {
    const SettingRow& row = *shown_row;
    std::string name = row.name;
    auto it = req.settings.find(name);
    ResolvedSetting s = it == req.settings.end() ? ResolvedSetting{row.sources.fallback, "default"} : it->second;
    std::string value = name == "dbstring" ? RedactDsn(s.value) : s.value;
    std::string variable = std::string(row.sources.env) +
                           (*row.sources.goose_env ? std::string(", ") + row.sources.goose_env : "");
    rows.push_back({name, value.empty() ? "(none)" : value, s.source, variable.empty() ? "-" : variable});
    settings[name] = {{"value", value}, {"source", s.source}, {"variable", row.sources.env}};
  }
  std::string text = FormatTable(rows);
  text.pop_back();
  out.Line(text);
  out.Json({{"command", "env"}, {"settings", settings}});
  return 0;
}

// init [DIR]: a migrations folder with a first migration, and gander.json.
int RunInit(const InitRequest& req, const Output& out) {
  if (req.arguments > 1) return out.Error("init", Status::Invalid("expects at most one argument, a folder"));
  const std::string& dir = req.dir;
  if (req.dry_run) {
    out.Line("gander: would create " + JoinPath(dir, "00001_init.sql") + " and gander.json");
    out.Json({{"command", "init"}, {"dry_run", true}, {"dir", dir}});
    return 0;
  }
  struct stat info;
  if (stat(dir.c_str(), &info) == 0) {
    std::vector<MigrationSource> existing;
    Status st = ListMigrations(*req.env, dir, &existing);
    if (!st.ok()) return out.Error("init", st);
    if (!existing.empty()) {
      return out.Error("init", Status::Refused(std::to_string(existing.size()) +
                                               " migrations are already there; nothing was changed").At(dir));
    }
  } else if (Status made = MakeFolders(dir); !made.ok()) {
    return out.Error("init", made);
  }
  CreatedFile first;
  Status st = PlanCreate("init", "sql", true, {}, std::time(nullptr), &first);
  if (st.ok()) st = WriteNewFile(JoinPath(dir, first.file_name), first.text);
  if (!st.ok()) return out.Error("init", st);
  out.Line("gander: created " + JoinPath(dir, first.file_name));
  nlohmann::json project = {{"driver", "sqlite3"}, {"dbstring", "./app.db"}, {"dir", dir}};
  st = WriteNewFile("gander.json", project.dump(2) + "\n");
  bool wrote_config = st.ok();
  if (wrote_config) {
    out.Line("gander: created gander.json (driver sqlite3, database ./app.db; edit it, and keep passwords in "
             "GANDER_DBSTRING or .env)");
  } else {
    out.Notice("gander.json exists; left as it is");
  }
  out.Line("next: edit " + JoinPath(dir, first.file_name) + ", then run `gander up` and `gander status`");
  out.Json({{"command", "init"}, {"dir", dir}, {"file", JoinPath(dir, first.file_name)},
            {"config", wrote_config ? nlohmann::json("gander.json") : nlohmann::json()}});
  return 0;
}

}  // namespace

int CmdEnv(const Invocation& inv, const Output& out) { return RunEnv(EnvRequest::From(inv), out); }
int CmdInit(const Invocation& inv, const Output& out) { return RunInit(InitRequest::From(inv), out); }

}  // namespace gander
