// status, version: read-only commands (validate: cmd_validate.cc).
#include <cstdio>

#include "app/adopt.h"
#include "app/migration_files.h"
#include "app/session.h"
#include "cli/change.h"
#include "cli/commands.h"
#include "core/time_text.h"

namespace gander {
namespace {

// What status, version and validate read.
struct StatusRequest {
  Env* env = nullptr;
  std::string command;
  std::string dir, table;
  std::string driver, dbstring;  // validate: both empty without a database
  bool no_versioning = false;
  std::string command_prefix;    // CommandPrefix: how the recovery commands name the database
  std::string adopt_table;       // the DSN's x-migrations-table; "": schema_migrations

  static StatusRequest From(const Invocation& inv) {
    return StatusRequest{inv.env, inv.command, inv.dir, inv.table, inv.driver, inv.dbstring, inv.no_versioning,
                         CommandPrefix(inv), inv.adopt_table};
  }
};

nlohmann::json DirtyJson(const std::optional<DirtyState>& d) {
  if (!d) return nullptr;
  return {{"version", d->version}, {"file", d->file}, {"direction", DirectionName(d->direction)},
          {"statements_done", d->statements_done}, {"statements_total", d->statements_total},
          {"in_flight", d->in_flight},
          {"error", d->error}, {"started_at", TrackingTimeRfc3339(d->started_at)}};
}

// Opens the database read-only in spirit: no lock, no table creation. With
// no tracking table yet, another tool's record counts (app/adopt.h).
Status ReadState(const StatusRequest& inv, std::vector<MigrationSource>* sources, DbVersions* versions,
                 std::optional<DirtyState>* dirty, std::optional<Adoption>* adoption) {
  GANDER_RETURN_IF_ERROR(ListMigrations(*inv.env, inv.dir, sources));
  std::unique_ptr<Session> session;
  GANDER_RETURN_IF_ERROR(Session::OpenReadOnly(inv.driver, inv.dbstring, inv.table, &session));
  return ReadStateAdopting(*session, *sources, inv.dir, versions, dirty, adoption, inv.adopt_table);
}

nlohmann::json AdoptionJson(const std::optional<Adoption>& a) {
  if (!a) return nullptr;
  return {{"tool", ToolName(a->found.tool)}, {"table", a->found.table}, {"versions", a->versions},
          {"problem", a->problem.ok() ? nlohmann::json() : nlohmann::json(a->problem.message())}};
}

// What status says of another tool's record it will take over.
void PrintAdoption(const StatusRequest& inv, const Output& out, const Adoption& a) {
  out.Line("");
  if (!a.problem.ok()) {
    out.Line(a.problem.message());
    return;
  }
  out.Line("gander: no " + inv.table + " table yet; the first command that changes the database records " +
           std::to_string(a.versions.size()) + " version(s) as applied, taken over from " + DescribeAdoption(a) +
           ", which stays as it is");
}

// -no-versioning: no tracking table to read, as goose says: every file
// "no versioning", and the version is the newest file's.
int NoVersioning(const StatusRequest& inv, const Output& out) {
  std::vector<MigrationSource> sources;
  Status st = ListMigrations(*inv.env, inv.dir, &sources);
  if (!st.ok()) return out.Error(inv.command, st);
  int64_t newest = sources.empty() ? 0 : sources.back().version;
  if (inv.command == "version") {
    out.Line("gander: file version " + std::to_string(newest));
    out.Json({{"command", "version"}, {"version", newest}, {"no_versioning", true}, {"dirty", nullptr}});
    return 0;
  }
  nlohmann::json list = nlohmann::json::array();
  out.Line("    Applied At                  Migration");
  out.Line("    =======================================");
  char line[1024];
  for (const MigrationSource& s : sources) {
    std::snprintf(line, sizeof line, "    %-24s -- %s", "no versioning", s.file.c_str());
    out.Line(line);
    list.push_back({{"version", s.version}, {"file", s.file}, {"applied", false}, {"applied_at", nullptr},
                    {"dirty", false}});
  }
  out.Json({{"command", "status"}, {"current_version", newest}, {"no_versioning", true}, {"migrations", list},
            {"dirty", nullptr}});
  return 0;
}

}  // namespace

int RunStatus(const StatusRequest& inv, const Output& out) {
  if (inv.no_versioning) return NoVersioning(inv, out);
  std::vector<MigrationSource> sources;
  DbVersions versions;
  std::optional<DirtyState> dirty;
  std::optional<Adoption> adoption;
  Status st = ReadState(inv, &sources, &versions, &dirty, &adoption);
  if (!st.ok()) return out.Error("status", st);

  // The list is only built for --json: a text status of N migrations costs
  // N lines, not N JSON objects as well (issue #21).
  bool json = out.json();
  nlohmann::json list = nlohmann::json::array();
  out.Line("    Applied At                  Migration");
  out.Line("    =======================================");
  char line[1024];
  for (const MigrationSource& s : sources) {
    const AppliedVersion* applied = versions.Find(s.version);
    std::string when = !applied   ? "Pending"
                       : adoption ? std::string("by ") + ToolName(adoption->found.tool)
                                  : TrackingTimeRfc3339(applied->tstamp);
    bool is_dirty = dirty && dirty->version == s.version;
    std::snprintf(line, sizeof line, "%-24s", when.c_str());
    std::string painted = out.Paint(line, applied ? Output::Color::kGreen : Output::Color::kYellow);
    out.Line("    " + painted + " -- " + s.file + (is_dirty ? out.Paint("  (DIRTY)", Output::Color::kRed) : ""));
    if (!json) continue;
    list.push_back({{"version", s.version}, {"file", s.file}, {"applied", applied != nullptr},
                    {"applied_at",
                     applied && !applied->tstamp.empty() ? nlohmann::json(TrackingTimeRfc3339(applied->tstamp)) : nlohmann::json()},
                    {"dirty", is_dirty}});
  }
  // Applied versions whose file is gone: goose hides them; a release engineer needs to see them.
  for (const AppliedVersion& a : versions.applied) {
    if (FindSource(sources, a.version) >= 0) continue;
    std::string when = adoption ? std::string("by ") + ToolName(adoption->found.tool) : TrackingTimeRfc3339(a.tstamp);
    std::snprintf(line, sizeof line, "    %-24s -- version %lld (no file)", when.c_str(),
                  static_cast<long long>(a.version));
    out.Line(line);
    if (!json) continue;
    list.push_back({{"version", a.version}, {"file", nullptr}, {"applied", true},
                    {"applied_at", a.tstamp.empty() ? nlohmann::json() : nlohmann::json(TrackingTimeRfc3339(a.tstamp))},
                    {"dirty", false}});
  }
  if (dirty) out.Line("");
  if (dirty) out.Line(DirtyRefusal(inv.command_prefix, *dirty).message());
  if (adoption) PrintAdoption(inv, out, *adoption);
  if (!json) return 0;
  out.Json({{"command", "status"}, {"current_version", versions.current()}, {"migrations", list},
            {"dirty", DirtyJson(dirty)}, {"adopting", AdoptionJson(adoption)}});
  return 0;
}

int RunVersion(const StatusRequest& inv, const Output& out) {
  if (inv.no_versioning) return NoVersioning(inv, out);
  std::vector<MigrationSource> sources;
  DbVersions versions;
  std::optional<DirtyState> dirty;
  std::optional<Adoption> adoption;
  Status st = ReadState(inv, &sources, &versions, &dirty, &adoption);
  if (!st.ok()) return out.Error("version", st);
  out.Line("gander: version " + std::to_string(versions.current()) + (dirty ? " (dirty)" : ""));
  out.Json({{"command", "version"}, {"version", versions.current()}, {"dirty", DirtyJson(dirty)}});
  return 0;
}

// The entry points of command_table.cc: the request is built once, here.
int CmdStatus(const Invocation& inv, const Output& out) { return RunStatus(StatusRequest::From(inv), out); }
int CmdVersion(const Invocation& inv, const Output& out) { return RunVersion(StatusRequest::From(inv), out); }

}  // namespace gander
