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
namespace {

// What create and fix read.
struct FilesRequest {
  Env* env = nullptr;
  std::vector<std::string> args;  // create NAME [sql]
  std::string dir;                // the migrations folder
  bool sequential = false;        // create -s
  bool dry_run = false;           // plan / --dry-run: show, write nothing

  static FilesRequest From(const Invocation& inv) {
    return FilesRequest{inv.env, inv.args, inv.dir, inv.sequential, inv.dry_run};
  }
};

int RunCreate(const FilesRequest& req, const Output& out) {
  if (req.args.empty() || req.args.size() > 2) {
    return out.Error("create", Status::Invalid("usage: gander create NAME [sql]"));
  }
  std::vector<MigrationSource> sources;
  struct stat info;
  if (stat(req.dir.c_str(), &info) == 0) {
    Status st = ListMigrations(*req.env, req.dir, &sources);
    if (!st.ok()) return out.Error("create", st);
  } else if (!req.dry_run && mkdir(req.dir.c_str(), 0755) != 0) {
    return out.Error("create", Status::Invalid(std::string("cannot create directory: ") + std::strerror(errno)).At(req.dir));
  }
  std::vector<int64_t> versions;
  for (const MigrationSource& s : sources) versions.push_back(s.version);
  CreatedFile file;
  Status st = PlanCreate(req.args[0], req.args.size() > 1 ? req.args[1] : "sql", req.sequential, versions,
                         std::time(nullptr), &file);
  if (!st.ok()) return out.Error("create", st);
  std::string path = JoinPath(req.dir, file.file_name);
  if (stat(path.c_str(), &info) == 0) return out.Error("create", Status::Invalid("file already exists").At(path));
  if (req.dry_run) {
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

int RunFix(const FilesRequest& req, const Output& out) {
  std::vector<MigrationSource> sources;
  Status st = ListMigrations(*req.env, req.dir, &sources);
  if (!st.ok()) return out.Error("fix", st);
  nlohmann::json done = nlohmann::json::array();
  for (const Rename& r : PlanFix(sources)) {
    std::string from = JoinPath(req.dir, r.from), to = JoinPath(req.dir, r.to);
    if (req.dry_run) {  // plan fix / fix --dry-run: show, rename nothing
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
  out.Json({{"command", "fix"}, {"dry_run", req.dry_run}, {"renamed", done}});
  return 0;
}

}  // namespace

int CmdCreate(const Invocation& inv, const Output& out) { return RunCreate(FilesRequest::From(inv), out); }
int CmdFix(const Invocation& inv, const Output& out) { return RunFix(FilesRequest::From(inv), out); }

}  // namespace gander
