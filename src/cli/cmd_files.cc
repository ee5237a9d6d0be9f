// create, fix: commands that write migration files, not databases.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>

#include "app/migration_files.h"
#include "cli/commands.h"
#include "core/create.h"
#include "core/fix.h"

namespace gander {

int CmdCreate(const Invocation& inv, const Output& out) {
  if (inv.args.empty() || inv.args.size() > 2) {
    return out.Error("create", Status::Invalid("usage: gander create NAME [sql]"));
  }
  std::vector<MigrationSource> sources;
  struct stat info;
  if (stat(inv.dir.c_str(), &info) == 0) {
    Status st = ListMigrations(*inv.env, inv.dir, &sources);
    if (!st.ok()) return out.Error("create", st);
  } else if (!inv.dry_run && mkdir(inv.dir.c_str(), 0755) != 0) {
    return out.Error("create", Status::Invalid(std::string("cannot create directory: ") + std::strerror(errno)).At(inv.dir));
  }
  std::vector<int64_t> versions;
  for (const MigrationSource& s : sources) versions.push_back(s.version);
  CreatedFile file;
  Status st = PlanCreate(inv.args[0], inv.args.size() > 1 ? inv.args[1] : "sql", inv.sequential, versions,
                         std::time(nullptr), &file);
  if (!st.ok()) return out.Error("create", st);
  std::string path = JoinPath(inv.dir, file.file_name);
  if (stat(path.c_str(), &info) == 0) return out.Error("create", Status::Invalid("file already exists").At(path));
  if (inv.dry_run) {
    out.Line("gander: would create " + path + ":");
    out.Line(file.text);
    out.Json({{"command", "create"}, {"dry_run", true}, {"file", path}, {"text", file.text}});
    return 0;
  }
  std::ofstream f(path, std::ios::binary);
  f << file.text;
  f.close();
  if (!f) return out.Error("create", Status::Failed("cannot write file").At(path));
  out.Line("gander: created new file: " + path);
  out.Json({{"command", "create"}, {"file", path}});
  return 0;
}

int CmdFix(const Invocation& inv, const Output& out) {
  std::vector<MigrationSource> sources;
  Status st = ListMigrations(*inv.env, inv.dir, &sources);
  if (!st.ok()) return out.Error("fix", st);
  nlohmann::json done = nlohmann::json::array();
  for (const Rename& r : PlanFix(sources)) {
    std::string from = JoinPath(inv.dir, r.from), to = JoinPath(inv.dir, r.to);
    if (inv.dry_run) {  // plan fix / fix --dry-run: show, rename nothing
      out.Line("gander: would rename " + r.from + " => " + r.to);
      done.push_back({{"from", r.from}, {"to", r.to}});
      continue;
    }
    if (std::rename(from.c_str(), to.c_str()) != 0) {
      return out.Error("fix", Status::Failed(std::string("cannot rename to ") + to + ": " + std::strerror(errno)).At(from));
    }
    out.Line("gander: RENAMED " + r.from + " => " + r.to);
    done.push_back({{"from", r.from}, {"to", r.to}});
  }
  out.Json({{"command", "fix"}, {"dry_run", inv.dry_run}, {"renamed", done}});
  return 0;
}

}  // namespace gander
