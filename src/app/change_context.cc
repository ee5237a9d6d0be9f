#include "app/change_context.h"

#include "app/adopt.h"
#include "app/migration_files.h"

namespace gander {

Status DirtyRefusal(const std::string& prefix, const DirtyState& d) {
  std::string what = "migration " + std::to_string(d.version) + " (" + d.file + ") is dirty: its " +
                     DirectionName(d.direction) + " part stopped after " + std::to_string(d.statements_done) +
                     " of " + std::to_string(d.statements_total) + " statements";
  if (d.in_flight) {
    what += "; statement " + std::to_string(d.statements_done + 1) +
            " was running when gander stopped (process killed or connection lost)";
  }
  if (!d.error.empty()) what += " (" + d.error + ")";
  return Status::Refused(what + "; fix the cause, then run `" + prefix + " resume` to continue from statement " +
                         std::to_string(d.statements_done + 1) + ", or repair by hand and run `" + prefix +
                         " force " + std::to_string(d.version) + " --yes` to mark it " +
                         (d.direction == Direction::kUp ? "applied" : "rolled back"));
}

Status ApplyStatementTimeout(ChangeContext& ctx) {
  if (ctx.options.statement_timeout.count() <= 0) return Status::OK();
  return ctx.session->conn().SetStatementTimeout(ctx.options.statement_timeout);
}

namespace {

// Lists the migrations and opens the session, once per command.
Status OpenChange(ChangeContext& ctx) {
  if (ctx.session) return Status::OK();
  ctx.metrics.started = ctx.env.SteadyNow();
  GANDER_RETURN_IF_ERROR(ListMigrations(ctx.env, ctx.options.dir, &ctx.sources));
  return Session::Open(ctx.connect, ctx.options.table, &ctx.session);
}

}  // namespace

Status PeekChange(ChangeContext& ctx) {
  GANDER_RETURN_IF_ERROR(OpenChange(ctx));
  if (ctx.options.no_versioning) return Status::OK();
  return ReadStateAdopting(*ctx.session, ctx.sources, ctx.options.dir, &ctx.versions, &ctx.dirty, &ctx.adoption);
}

Status BeginChange(ChangeContext& ctx, DirtyPolicy dirty) {
  const EngineOptions& o = ctx.options;
  GANDER_RETURN_IF_ERROR(OpenChange(ctx));
  auto lock_start = ctx.env.SteadyNow();
  Status locked = ctx.session->Lock(o.lock_timeout);
  ctx.metrics.lock_wait_seconds = std::chrono::duration<double>(ctx.env.SteadyNow() - lock_start).count();
  GANDER_RETURN_IF_ERROR(locked);
  GANDER_RETURN_IF_ERROR(ApplyStatementTimeout(ctx));
  if (o.no_versioning) return Status::OK();
  // The tracking table is created later, once pre-flight has passed, so that
  // a refused command leaves the database exactly as it was.
  GANDER_RETURN_IF_ERROR(ReadStateAdopting(*ctx.session, ctx.sources, o.dir, &ctx.versions, &ctx.dirty, &ctx.adoption,
                                           o.adopt_table));
  if (ctx.adoption) {
    GANDER_RETURN_IF_ERROR(ctx.adoption->problem);
    ctx.reporter.Detail("no " + o.table + " table yet: taking over " + DescribeAdoption(*ctx.adoption) +
                        ", versions " + VersionList(ctx.adoption->versions) + " applied");
  }
  if (dirty == DirtyPolicy::kRefuse && ctx.dirty) return DirtyRefusal(o.command_prefix, *ctx.dirty);
  if (o.expect_version >= 0 && ctx.versions.current() != o.expect_version) {
    return Status::Refused("the current version is " + std::to_string(ctx.versions.current()) + ", not " +
                           std::to_string(o.expect_version) + " as --expect-version requires; nothing was run");
  }
  return Status::OK();
}

Status RefuseReadOnly(ChangeContext& ctx) { return RefuseReadOnlyServer(ctx.session->conn()); }

Status StartAudit(ChangeContext& ctx, int64_t version_before) {
  if (ctx.options.no_versioning) return Status::OK();
  ctx.audit = std::make_unique<AuditRecorder>(ctx.env, ctx.session.get(), ctx.options.audit);
  return ctx.audit->Start(version_before).Prepend("starting the audit trail");
}

void FinishAudit(ChangeContext& ctx, const Status& outcome) {
  if (!ctx.audit) return;
  Status st = ctx.audit->Finish(outcome);
  if (!st.ok()) {
    ctx.reporter.Notice("warning: audit snapshot " + std::to_string(ctx.audit->seq()) + " not written: " +
                        st.ToString());
  } else {
    ctx.reporter.Detail("audit snapshot " + std::to_string(ctx.audit->seq()) + " written");
  }
  const std::string& unused = ctx.options.audit.unused_snapshot_dir;
  if (st.ok() && !unused.empty()) {
    ctx.reporter.Notice("audit snapshot " + std::to_string(ctx.audit->seq()) + " is in " + ctx.options.table +
                        "_snapshots only: " + unused + " (an earlier gander's default snapshot folder) is no longer "
                        "written unless configured; --snapshot-dir " + unused + " (or GANDER_SNAPSHOT_DIR) keeps "
                        "it, or remove the folder");
  }
}

void AuditStepDone(ChangeContext& ctx, const StepResult& result, const PartChecksums& sums, const Status& status,
                   int retries) {
  if (!ctx.audit) return;
  Status stored = ctx.audit->StepDone(result, sums, status, retries);
  if (!stored.ok()) ctx.reporter.Notice("warning: " + stored.ToString());
}

void PrepareMigrator(ChangeContext& ctx, const PartChecksums& sums, Migrator* migrator) {
  migrator->set_timeouts(ctx.options.migration_timeout, ctx.options.statement_timeout);
  migrator->set_folder(ctx.options.dir);
  Reporter* reporter = &ctx.reporter;
  migrator->set_sql_observer([reporter](SqlEvent event, const std::string& sql) { reporter->Sql(event, sql); });
  if (!ctx.audit) return;
  AuditRecorder* audit = ctx.audit.get();
  migrator->set_record_hook([audit, sums](const StepResult& r) { return audit->StepEventSql(r, sums); });
}

VersionStore* StoreOf(ChangeContext& ctx) { return ctx.options.no_versioning ? nullptr : &ctx.session->store(); }

}  // namespace gander
