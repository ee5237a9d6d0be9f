// The steps every changing command shares: open the database, lock it,
// make sure the tracking table exists, read its state, refuse a dirty one,
// pre-flight the plan, run it and report each step.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "app/audit_recorder.h"
#include "app/migrator.h"
#include "app/session.h"
#include "cli/commands.h"
#include "core/metrics.h"

namespace gander {

struct ChangeContext {
  std::unique_ptr<Session> session;
  std::vector<MigrationSource> sources;
  DbVersions versions;
  std::optional<DirtyState> dirty;
  std::map<int64_t, PartChecksums> checksums;  // recorded ones, read by Preflight
  std::unique_ptr<AuditRecorder> audit;         // set once the command is going to change something
  RunMetrics metrics;                           // for --metrics-file
};

// Lists the migrations, opens and locks the database and reads the state
// (creating nothing). With `refuse_dirty`, a dirty state is refused
// with the commands that recover from it.
Status BeginChange(const Invocation& inv, bool refuse_dirty, ChangeContext* ctx);

// The refusal for a dirty database, naming the recovery commands.
Status DirtyRefusal(const Invocation& inv, const DirtyState& dirty);

// Parses every migration of the plan and checks the part each step needs and,
// for rollbacks, that the file has not changed since it was applied (unless
// --allow-drift); lists every problem at once. Nothing is written.
Status Preflight(const Invocation& inv, ChangeContext& ctx, const Plan& plan, std::vector<ParsedMigration>* parsed);

// Records checksums for applied migrations that have none yet in
// ctx.checksums (applied by goose, or before gander kept them), with a notice.
Status AdoptChecksums(const Invocation& inv, const Output& out, ChangeContext& ctx);

// Creates the tracking table if needed, then runs the plan's steps in order,
// printing one line per step; stops at the first failure.
Status RunPlan(const Invocation& inv, const Output& out, ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Prints the plan: per step the direction, version, file and every statement
// exactly as it would be sent, and the versions before and after.
void PrintPlan(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Multi-step rollbacks need a yes: --yes, or an answer on a terminal. Without
// one, refuses (exit 3) naming the command that would go ahead.
// Prints `question` (and "Type yes to go ahead: ") on stderr and reads the answer from stdin: OK only for
// "yes", else Status::Refused ("not confirmed; nothing was run").
Status AskYes(const std::string& question);

Status Confirm(const Invocation& inv, const Output& out, const ChangeContext& ctx, const Plan& plan,
               const std::vector<ParsedMigration>& parsed);

// Starts the audit trail of a command that is about to change the database
// (nothing with -no-versioning).
Status StartAudit(const Invocation& inv, ChangeContext& ctx, int64_t version_before);
// Writes the command's snapshot; a failure to write it is a warning (the
// changes are done), shown on stderr.
void FinishAudit(const Output& out, ChangeContext& ctx, const Status& outcome);

// Sets a migrator up for one step: --migration-timeout, and the history
// event (with `sums`) that commits with the step's tracking-table change.
void PrepareMigrator(const Invocation& inv, ChangeContext& ctx, const PartChecksums& sums, Migrator* migrator);

// Writes --metrics-file (if given) for a changing command that ended with
// `outcome`; a failure to write it is a warning.
void WriteMetrics(const Invocation& inv, const Output& out, ChangeContext& ctx, const Status& outcome);

// `gander [flags] DRIVER DBSTRING` as the user would retype it (password redacted).
std::string CommandPrefix(const Invocation& inv);

}  // namespace gander
