// env and init: the project around the migrations.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>

#include "app/migration_files.h"
#include "cli/commands.h"
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

}  // namespace

// env: every setting's effective value and where it came from.
int CmdEnv(const Invocation& inv, const Output& out) {
  std::vector<std::vector<std::string>> rows = {{"SETTING", "VALUE", "SOURCE"}};
  nlohmann::json settings = nlohmann::json::object();
  for (const std::string& name : SettingNames()) {
    auto it = inv.settings.find(name);
    ResolvedSetting s = it == inv.settings.end() ? ResolvedSetting{"", "default"} : it->second;
    std::string value = name == "dbstring" ? RedactDsn(s.value) : s.value;
    if (name == "snapshot_dir" && value.empty()) value = inv.snapshot_dir;
    rows.push_back({name, value.empty() ? "(none)" : value, s.source});
    settings[name] = {{"value", value}, {"source", s.source}};
  }
  std::string text = FormatTable(rows);
  text.pop_back();
  out.Line(text);
  out.Json({{"command", "env"}, {"settings", settings}});
  return 0;
}

// init [DIR]: a migrations folder with a first migration, and gander.json.
int CmdInit(const Invocation& inv, const Output& out) {
  if (inv.args.size() > 1) return out.Error("init", Status::Invalid("expects at most one argument, a folder"));
  std::string dir = inv.args.empty() ? "migrations" : inv.args[0];
  if (inv.dry_run) {
    out.Line("gander: would create " + JoinPath(dir, "00001_init.sql") + " and gander.json");
    out.Json({{"command", "init"}, {"dry_run", true}, {"dir", dir}});
    return 0;
  }
  struct stat info;
  if (stat(dir.c_str(), &info) == 0) {
    std::vector<MigrationSource> existing;
    Status st = ListMigrations(*inv.env, dir, &existing);
    if (!st.ok()) return out.Error("init", st);
    if (!existing.empty()) {
      return out.Error("init", Status::Refused(std::to_string(existing.size()) +
                                               " migrations are already there; nothing was changed").At(dir));
    }
  } else if (mkdir(dir.c_str(), 0755) != 0) {
    return out.Error("init", Status::Failed(std::string("cannot create folder: ") + std::strerror(errno)).At(dir));
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

}  // namespace gander
