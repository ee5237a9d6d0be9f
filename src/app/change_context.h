// One changing command's hold on one database: the world it runs in (Env),
// who hears about it (Reporter), how it connects, what it was asked
// (EngineOptions), and what it has learnt so far. The steps every changing
// command shares start here: list the migrations, open and lock the
// database, read its state, refuse a dirty one; and the audit trail around
// the change.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "app/adoption.h"
#include "app/audit_recorder.h"
#include "app/engine_options.h"
#include "app/env.h"
#include "app/migrator.h"
#include "app/reporter.h"
#include "app/session.h"
#include "core/metrics.h"

namespace gander {

struct ChangeContext {
  ChangeContext(Env& world, Reporter& to, ConnectionFactory connections, EngineOptions settings)
      : env(world), reporter(to), connect(std::move(connections)), options(std::move(settings)) {}

  Env& env;
  Reporter& reporter;
  ConnectionFactory connect;
  EngineOptions options;

  std::unique_ptr<Session> session;
  std::vector<MigrationSource> sources;
  DbVersions versions;
  std::optional<DirtyState> dirty;
  // Set when there is no tracking table yet but another tool's record
  // (app/adopt.h); `versions` then holds what it says was applied, recorded
  // by the first change (EnsureTrackingTable).
  std::optional<Adoption> adoption;
  std::map<int64_t, PartChecksums> checksums;  // recorded ones, read by Preflight
  // Down steps of the plan whose migration has no down part and that
  // Preflight let through (nothing to undo, or --allow-no-down): their
  // rollback runs no statement and only deletes the version's row.
  std::set<int64_t> without_down;
  std::unique_ptr<AuditRecorder> audit;         // set once the command is going to change something
  RunMetrics metrics;                           // figures of the run, for --metrics-file
};

enum class DirtyPolicy {
  kRefuse,  // a dirty database is refused, naming the commands that recover it
  kAllow,   // resume, force and repair work on it
};

// Lists the migrations, opens and locks the database, applies the statement
// timeout and reads the state (creating nothing). Refuses a dirty state per
// `dirty`, and a current version other than --expect-version.
// After PeekChange it keeps the session and the migrations listed, and
// reads the state again under the lock.
Status BeginChange(ChangeContext& ctx, DirtyPolicy dirty);

// Lists the migrations, opens the database and reads its state, without the
// lock or --statement-timeout and without refusing anything: a read that is
// only conclusive when it shows nothing to do (BeginPlannedChange).
Status PeekChange(ChangeContext& ctx);

// Refuses a server that takes no writes (a replica), before anything is written.
Status RefuseReadOnly(ChangeContext& ctx);

// The refusal for a dirty database, naming the recovery commands, each
// starting with `command_prefix` (EngineOptions::command_prefix).
Status DirtyRefusal(const std::string& command_prefix, const DirtyState& dirty);

// --statement-timeout on the session's connection (after opening and after
// every reconnect).
Status ApplyStatementTimeout(ChangeContext& ctx);

// Starts the audit trail of a command that is about to change the database
// (nothing with -no-versioning).
Status StartAudit(ChangeContext& ctx, int64_t version_before);
// Writes the command's snapshot; a failure to write it is a warning (the
// changes are done), reported as a notice.
void FinishAudit(ChangeContext& ctx, const Status& outcome);

// The audit trail's end of a step (AuditRecorder::StepDone), if there is a
// trail; a history event that could not be stored is a warning notice.
void AuditStepDone(ChangeContext& ctx, const StepResult& result, const PartChecksums& sums, const Status& status,
                   int retries);

// Sets a migrator up for one step: --migration-timeout, the SQL it sends
// reported (Reporter::Sql), and the history event (with `sums`) that commits
// with the step's tracking-table change.
void PrepareMigrator(ChangeContext& ctx, const PartChecksums& sums, Migrator* migrator);

// The version store, or null with -no-versioning.
VersionStore* StoreOf(ChangeContext& ctx);

}  // namespace gander
