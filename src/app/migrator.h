// Runs one migration step against a database: its statements and the
// tracking-table change, in one transaction where the engine allows it.
//
// Where it cannot be atomic (NO TRANSACTION files; DDL on engines that commit
// it implicitly), a dirty marker is written before the first statement and
// kept up to date, so that a failure or a crash leaves a state that `status`
// explains and `resume` / `force` recover from.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "app/env.h"
#include "core/migration.h"
#include "core/planner.h"
#include "db/version_store.h"

namespace gander {

struct StepResult {
  int64_t version = 0;
  Direction direction = Direction::kUp;
  std::string file;
  int statements_run = 0;
  double seconds = 0;
  bool left_dirty = false;  // failed after part of it took effect
  // The statement (0-based) whose reply never came (outcome_unknown): it may
  // or may not have taken effect; -1 when no statement was in doubt (the
  // lost request was a marker, the record or the COMMIT, or none was lost).
  int in_doubt = -1;
};

// What a step sends, as -v shows it (goose's verbose mode): its
// transaction opening, each statement just before it is sent, and the
// transaction's end. gander's own bookkeeping SQL (tracking rows, dirty
// markers) is not reported, as goose reports none of its own.
enum class SqlEvent { kBegin, kStatement, kCommit, kRollback };
using SqlObserver = std::function<void(SqlEvent, const std::string& statement)>;

class Migrator {
 public:
  // `store` may be null with no_versioning: nothing is recorded. Durations
  // and --migration-timeout use `env`'s steady clock.
  Migrator(Env& env, Connection* conn, VersionStore* store);

  // Runs `part` of the migration `file` (version) in `direction`, starting at
  // statement `first_statement` (0 unless resuming a dirty migration).
  // Between statements it polls Env::StopSignal: on a stop it rolls back
  // what is not committed, records what is (the dirty marker, never in
  // flight) and fails naming the signal.
  // On failure the error names version, file, statement number, its first
  // line and the engine's message; an atomic step is rolled back entirely.
  // A failure whose outcome is unknown (Status::outcome_unknown: the
  // connection is gone) leaves the dirty marker as the server has it, never
  // rewritten from the client's guess, and left_dirty false: the caller
  // reads the server's state on a new connection (app/in_flight_outcome.h).
  Status Run(int64_t version, const std::string& file, Direction direction, const MigrationPart& part,
             int first_statement, StepResult* result);

  // Runs the step inside a transaction the caller opened (--atomic batches):
  // no BEGIN/COMMIT here, and the caller rolls back everything on failure.
  Status RunInOpenTransaction(int64_t version, const std::string& file, Direction direction,
                              const MigrationPart& part, StepResult* result);

  // SQL to record with each step, in the transaction of its tracking-table
  // change (the audit history event); given the step with its time so far.
  void set_record_hook(std::function<std::string(const StepResult&)> hook) { record_hook_ = std::move(hook); }

  // Told of the SQL a step sends (SqlEvent); the statement is empty except
  // for kStatement. Run reports kBegin/kCommit/kRollback for a part that runs
  // in a transaction; RunInOpenTransaction only statements (the caller owns
  // the transaction).
  void set_sql_observer(SqlObserver observer) { sql_observer_ = std::move(observer); }

  // --migration-timeout: each statement may only use what is left of
  // `per_migration` (zero: no limit), enforced with the engine's statement
  // timeout; `per_statement` is the limit otherwise in force.
  void set_timeouts(std::chrono::milliseconds per_migration, std::chrono::milliseconds per_statement) {
    migration_timeout_ = per_migration;
    statement_timeout_ = per_statement;
  }

  // The migrations folder the step's file is in: errors name the file as
  // `folder/file:line`, as parse errors do (default ".": the name alone).
  void set_folder(std::string folder) { folder_ = std::move(folder); }

 private:
  // Fills the result's identity and duration around `body`.
  Status Timed(int64_t version, const std::string& file, Direction direction, StepResult* result,
               const std::function<Status()>& body);
  Status RunAtomic(const MigrationPart& part, bool own_transaction, StepResult* result);
  Status RunTracked(const MigrationPart& part, int first_statement, StepResult* result);
  // Records the finished tracked step and clears its marker; `tx_open`: in
  // the transaction gander has open, else in one of its own.
  Status RecordDone(const StepResult& result, bool tx_open);
  // After a failure, which is what gets reported: a rollback that fails too
  // (a dead connection) was done by the server anyway.
  void RollbackAfterFailure() { conn_->Rollback().IgnoreError(); }
  std::string RecordSql(const StepResult& result) const;

  std::chrono::steady_clock::time_point started_;
  std::function<std::string(const StepResult&)> record_hook_;
  SqlObserver sql_observer_;
  void Observe(SqlEvent event, const std::string& statement = "") const {
    if (sql_observer_) sql_observer_(event, statement);
  }
  std::chrono::milliseconds migration_timeout_{0}, statement_timeout_{0};
  std::string folder_ = ".";
  Status ExecStatement(const std::string& sql);
  // Stopped by `signal` (Env::StopSignal) after `statements_done`, leaving `state`.
  Status StopError(int signal, size_t statements_done, const MigrationPart& part, const StepResult& result,
                   const std::string& state) const;
  // The stop of a tracked step after statement `completed` (1-based): `done`
  // statements took effect (committed); the marker says so.
  Status StopTracked(int signal, const MigrationPart& part, int completed, int done, bool in_tx, DirtyState dirty,
                     StepResult* result);
  Status StatementError(const MigrationPart& part, size_t index, const Status& cause,
                        const StepResult& result) const;
  // The step's file as errors name it: in its folder.
  std::string PathOf(const StepResult& result) const;

  Env& env_;
  Connection* conn_;
  VersionStore* store_;
};

}  // namespace gander
