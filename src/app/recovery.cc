#include "app/recovery.h"

#include "app/adopt.h"
#include "app/migration_files.h"
#include "core/checksum.h"
#include "core/statement_kind.h"

namespace gander {

Status ResumePoint(ChangeContext& ctx, const DirtyState& d, const MigrationPart& part, int* first) {
  *first = d.statements_done;
  if (!d.in_flight || d.statements_done >= d.statements_total) return Status::OK();
  const SqlStatement& stmt = part.statements[d.statements_done];
  std::string which = "statement " + std::to_string(d.statements_done + 1) + " (line " + std::to_string(stmt.line) +
                      ": " + stmt.text.substr(0, stmt.text.find('\n')).substr(0, 60) + ")";
  if (ctx.options.in_flight == InFlight::kDone) {
    *first += 1;
    return Status::OK();
  }
  if (ctx.options.in_flight == InFlight::kRedo) return Status::OK();
  if (!IsSchemaStatement(stmt.text)) {
    return Status::Refused(which + " of migration " + std::to_string(d.version) +
                           " was running when gander stopped, and gander cannot tell whether it took effect; "
                           "check the database, then run `" + ctx.options.command_prefix +
                           " resume --in-flight done` if it did, or `--in-flight redo` if it did not");
  }
  Connection& conn = ctx.session->conn();
  Status rerun = conn.Exec(stmt.text);
  if (rerun.ok()) {
    ctx.reporter.Notice(which + " was running when gander stopped and had not taken effect; it has now run");
  } else if (MeansAlreadyApplied(conn.dialect(), rerun, stmt.text)) {
    ctx.reporter.Notice(which + " was running when gander stopped and had taken effect (re-running it says: " +
                        rerun.message() + "); continuing after it");
  } else {
    return Status::Refused(which + " was running when gander stopped; re-running it failed: " + rerun.message() +
                           ". Check the database, then `resume --in-flight done` or `--in-flight redo`");
  }
  *first += 1;
  return Status::OK();
}

Status Resume(ChangeContext& ctx, ResumeResult* out) {
  *out = ResumeResult();
  if (!ctx.dirty) return Status::OK();
  const DirtyState& d = *ctx.dirty;
  int index = FindSource(ctx.sources, d.version);
  if (index < 0) return Status::Refused("the dirty migration's file is missing: " + d.file);
  ParsedMigration m;
  GANDER_RETURN_IF_ERROR(LoadMigration(ctx.env, ctx.options.dir, ctx.sources[index], &m));
  DecideTransactions(ctx.sources[index].format, RunTargetOf(ctx.session->conn()), &m);  // as the failed run did
  if (d.direction == Direction::kDown && !m.down) {
    return Status::Refused("migration " + std::to_string(d.version) + " has no down part");
  }
  const MigrationPart& part = d.direction == Direction::kUp ? m.up : *m.down;
  if (static_cast<int>(part.statements.size()) != d.statements_total) {
    return Status::Refused("the file of migration " + std::to_string(d.version) + " now has " +
                           std::to_string(part.statements.size()) + " statements where the failed run had " +
                           std::to_string(d.statements_total) +
                           "; resume cannot tell where to continue. Repair by hand, then use force");
  }
  int first = d.statements_done;
  GANDER_RETURN_IF_ERROR(ResumePoint(ctx, d, part, &first));
  Migrator migrator(ctx.env, &ctx.session->conn(), &ctx.session->store());
  StepResult result;
  PartChecksums sums = ChecksumsOf(m);
  Status st = StartAudit(ctx, ctx.versions.current());
  if (st.ok()) {
    PrepareMigrator(ctx, sums, &migrator);
    st = migrator.Run(d.version, d.file, d.direction, part, first, &result);
    AuditStepDone(ctx, result, sums, st, 0);
  }
  FinishAudit(ctx, st);
  if (!st.ok()) return st;
  *out = {true, d, first};
  return Status::OK();
}

Status Force(ChangeContext& ctx, int64_t version, bool* marked_applied) {
  const std::optional<DirtyState>& dirty = ctx.dirty;
  bool mark_applied = !(dirty && dirty->version == version && dirty->direction == Direction::kDown);
  *marked_applied = mark_applied;
  VersionStore& store = ctx.session->store();
  Connection& conn = ctx.session->conn();
  int index = FindSource(ctx.sources, version);
  std::string file = dirty && dirty->version == version ? dirty->file
                     : index >= 0                       ? ctx.sources[index].file
                                                        : "";
  // A forced version takes its file's checksums as the drift reference, if the file parses.
  PartChecksums sums;
  bool have_sums = false;
  if (mark_applied && index >= 0) {
    ParsedMigration m;
    if (LoadMigration(ctx.env, ctx.options.dir, ctx.sources[index], &m).ok()) {
      sums = ChecksumsOf(m);
      have_sums = true;
    }
  }
  Status st = EnsureTrackingTable(ctx);
  if (st.ok()) st = StartAudit(ctx, ctx.versions.current());
  if (st.ok()) st = conn.Begin();
  if (st.ok()) st = conn.Exec(store.RecordSql(Direction::kDown, version));  // one row per version
  if (st.ok() && mark_applied) st = conn.Exec(store.RecordSql(Direction::kUp, version));
  if (st.ok() && dirty) st = conn.Exec(store.ClearDirtySql());
  if (st.ok()) {
    st = conn.Exec(ctx.audit->ManualEventSql(version, mark_applied ? "up" : "down",
                                             mark_applied ? "forced_applied" : "forced_rolled_back", file,
                                             have_sums ? &sums : nullptr));
  }
  if (st.ok()) st = conn.Commit();
  if (!st.ok()) conn.Rollback().IgnoreError();  // `st` is what to report
  FinishAudit(ctx, st);
  return st;
}

Status Repair(ChangeContext& ctx, std::vector<int64_t>* repaired) {
  repaired->clear();
  Status st;
  std::vector<std::string> files;
  std::vector<PartChecksums> all_sums;
  for (const AppliedVersion& applied : ctx.versions.applied) {
    int index = FindSource(ctx.sources, applied.version);
    if (!st.ok() || index < 0) continue;
    ParsedMigration m;
    st = LoadMigration(ctx.env, ctx.options.dir, ctx.sources[index], &m);
    repaired->push_back(applied.version);
    files.push_back(ctx.sources[index].file);
    all_sums.push_back(ChecksumsOf(m));
  }
  Connection& conn = ctx.session->conn();
  bool changing = st.ok() && !repaired->empty();
  std::string sql;
  if (changing) st = StartAudit(ctx, ctx.versions.current());
  for (size_t i = 0; changing && st.ok() && i < files.size(); ++i) {
    sql += (sql.empty() ? "" : "; ") +
           ctx.audit->ManualEventSql((*repaired)[i], "up", "checksum_repaired", files[i], &all_sums[i]);
  }
  if (changing && st.ok()) st = conn.Begin();
  if (changing && st.ok()) st = conn.Exec(sql);
  if (changing && st.ok()) st = conn.Commit();
  if (!st.ok()) conn.Rollback().IgnoreError();  // `st` is what to report
  if (changing) FinishAudit(ctx, st);
  return st;
}

}  // namespace gander
