#include "app/adopt.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>

#include "app/migration_files.h"
#include "core/checksum.h"

namespace gander {

std::string ForeignTableFor(const std::string& tracking_table, const std::string& configured) {
  if (!configured.empty()) return configured;
  size_t dot = tracking_table.find('.');
  std::string schema = dot == std::string::npos ? "" : tracking_table.substr(0, dot + 1);
  return schema + kForeignTrackingTable;
}

std::string VersionList(const std::vector<int64_t>& versions) {
  std::string list;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions.size() > 6 && i == 3) {
      list += ", ...";
      i = versions.size() - 1;
    }
    list += (list.empty() ? "" : ", ") + std::to_string(versions[i]);
  }
  return list;
}

std::string DescribeAdoption(const Adoption& a) {
  const ForeignTracking& f = a.found;
  std::string what = std::string(ToolName(f.tool)) + "'s " + f.table;
  if (f.tool == ForeignTracking::Tool::kGolangMigrate) return what + " (version " + std::to_string(f.version) + ")";
  return what + " (" + std::to_string(f.versions.size()) + " row" + (f.versions.size() == 1 ? "" : "s") + ")";
}

namespace {

// golang-migrate keeps one row: the version it ran last. Every migration up
// to it was applied (it runs them in order), so those of the folder count.
void AdoptGolangMigrate(const std::vector<MigrationSource>& sources, const std::string& dir, Adoption* a) {
  const ForeignTracking& f = a->found;
  std::string table = f.table;
  if (f.dirty) {
    std::string v = std::to_string(f.version);
    a->problem = Status::Refused(
        "golang-migrate's " + table + " marks version " + v + " dirty: a migration it ran failed part-way (the up "
        "part of " + v + ", or the down part of the version after it); check which of its statements took effect "
        "and finish or undo them by hand, then record the version the database is at with `migrate -path " + dir +
        " -database URL force VERSION` (or UPDATE " + table + " SET version = VERSION, dirty = false) and run "
        "gander again; nothing was changed");
    return;
  }
  if (f.rows > 1) {
    a->problem = Status::Refused("golang-migrate's " + table + " holds " + std::to_string(f.rows) +
                                 " rows, but golang-migrate keeps one (the version it ran last); delete all but the "
                                 "row of the version the database is at and run gander again; nothing was changed");
    return;
  }
  for (const MigrationSource& s : sources) {
    if (s.version <= f.version) a->versions.push_back(s.version);
  }
  if (FindSource(sources, f.version) < 0) {
    a->problem = Status::Refused("golang-migrate's " + table + " says version " + std::to_string(f.version) +
                                 ", but " + dir + " has no migration " + std::to_string(f.version) +
                                 "; check -dir (gander takes every migration up to that version as applied); "
                                 "nothing was changed");
  }
}

// dbmate keeps a row per applied migration, its version as text.
void AdoptDbmate(Adoption* a) {
  for (const std::string& text : a->found.versions) {
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno == ERANGE || v < 0) {
      a->problem = Status::Refused("dbmate's " + a->found.table + " holds version \"" + text +
                                   "\", which is not a version number as gander's file names need; rename the "
                                   "migration and its row to a number, then run gander again; nothing was changed");
      a->versions.clear();
      return;
    }
    a->versions.push_back(v);
  }
  std::sort(a->versions.begin(), a->versions.end());
}

}  // namespace

Status FindAdoption(Connection& conn, const std::string& tracking_table, const std::vector<MigrationSource>& sources,
                    const std::string& dir, std::optional<Adoption>* out, const std::string& foreign_table) {
  out->reset();
  std::string foreign = ForeignTableFor(tracking_table, foreign_table);
  if (foreign == tracking_table) return Status::OK();  // -table schema_migrations: that is the tracking table
  bool tracked = false;
  GANDER_RETURN_IF_ERROR(TableExists(conn, tracking_table, &tracked));
  if (tracked) return Status::OK();  // goose's table (or gander's) is the record, as it is
  std::optional<ForeignTracking> found;
  GANDER_RETURN_IF_ERROR(ReadForeignTracking(conn, foreign, &found).Prepend("reading " + foreign));
  if (!found) return Status::OK();
  Adoption a;
  a.found = std::move(*found);
  if (a.found.tool == ForeignTracking::Tool::kGolangMigrate) {
    if (a.found.rows == 0) return Status::OK();  // nothing applied (or everything rolled back)
    AdoptGolangMigrate(sources, dir, &a);
  } else {
    if (a.found.versions.empty()) return Status::OK();
    AdoptDbmate(&a);
  }
  *out = std::move(a);
  return Status::OK();
}

DbVersions AdoptedVersions(const Adoption& a) {
  // goose's version-0 row first, as the tracking table will hold it.
  std::vector<TrackingRow> rows = {{1, 0, true, ""}};
  for (int64_t v : a.versions) rows.push_back({static_cast<int64_t>(rows.size()) + 1, v, true, ""});
  return SummarizeRows(rows);
}

Status ReadStateAdopting(Session& session, const std::vector<MigrationSource>& sources, const std::string& dir,
                         DbVersions* versions, std::optional<DirtyState>* dirty, std::optional<Adoption>* adoption,
                         const std::string& foreign_table) {
  GANDER_RETURN_IF_ERROR(session.ReadState(versions, dirty));
  adoption->reset();
  // The tracking table is there: it is the record (FindAdoption would ask again).
  if (session.store().tracking_table_known()) return Status::OK();
  GANDER_RETURN_IF_ERROR(
      FindAdoption(session.conn(), session.store().table(), sources, dir, adoption, foreign_table));
  if (*adoption) *versions = AdoptedVersions(**adoption);
  return Status::OK();
}

Status EnsureTrackingTable(ChangeContext& ctx) {
  VersionStore* store = StoreOf(ctx);
  if (store == nullptr) return Status::OK();
  if (!ctx.adoption) return store->EnsureVersionTable();
  const Adoption& a = *ctx.adoption;
  GANDER_RETURN_IF_ERROR(a.problem);
  // Each adopted version's event carries its files' checksums, the drift
  // reference from now on (core/checksum.h), when the files parse.
  std::string events;
  std::map<int64_t, PartChecksums> sums;
  for (int64_t v : a.versions) {
    int index = FindSource(ctx.sources, v);
    ParsedMigration m;
    bool parsed = index >= 0 && LoadMigration(ctx.env, ctx.options.dir, ctx.sources[index], &m).ok();
    if (parsed) sums[v] = ChecksumsOf(m);
    if (!ctx.audit) continue;
    events += (events.empty() ? "" : "; ") +
              ctx.audit->ManualEventSql(v, "up", "adopted", index >= 0 ? ctx.sources[index].file : "",
                                        parsed ? &sums[v] : nullptr);
  }
  GANDER_RETURN_IF_ERROR(store->CreateVersionTableWith(a.versions, events));
  if (ctx.audit) ctx.checksums.insert(sums.begin(), sums.end());
  ctx.reporter.Notice("recorded " + std::to_string(a.versions.size()) + " version(s) as applied (" +
                      VersionList(a.versions) + ") in " + store->table() + ", taken over from " +
                      DescribeAdoption(a) + ", which stays as it is");
  ctx.adoption.reset();
  return Status::OK();
}

}  // namespace gander
