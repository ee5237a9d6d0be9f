#include "app/migrator.h"

#include <chrono>
#include <functional>

#include "app/migration_files.h"
#include "app/stop_signals.h"
#include "core/lint/sql_types.h"
#include "core/transaction_needs.h"

namespace gander {
namespace {

// The statement's first line, shortened for a one-line error message.
std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > 80) line = line.substr(0, 77) + "...";
  return line;
}

}  // namespace

Migrator::Migrator(Env& env, Connection* conn, VersionStore* store) : env_(env), conn_(conn), store_(store) {}

Status Migrator::Run(int64_t version, const std::string& file, Direction direction,
                     const MigrationPart& part, int first_statement, StepResult* result) {
  bool atomic = part.use_tx && conn_->dialect().transactional_ddl() && first_statement == 0;
  if (part.use_tx) Observe(SqlEvent::kBegin);
  Status st = Timed(version, file, direction, result, [&] {
    return atomic ? RunAtomic(part, true, result) : RunTracked(part, first_statement, result);
  });
  if (part.use_tx) Observe(st.ok() ? SqlEvent::kCommit : SqlEvent::kRollback);
  return st;
}

Status Migrator::RunInOpenTransaction(int64_t version, const std::string& file, Direction direction,
                                      const MigrationPart& part, StepResult* result) {
  return Timed(version, file, direction, result, [&] { return RunAtomic(part, false, result); });
}

Status Migrator::Timed(int64_t version, const std::string& file, Direction direction, StepResult* result,
                       const std::function<Status()>& body) {
  *result = StepResult();
  result->version = version;
  result->direction = direction;
  result->file = file;
  started_ = env_.SteadyNow();
  Status st = body();
  result->seconds = std::chrono::duration<double>(env_.SteadyNow() - started_).count();
  return st;
}

Status Migrator::StatementError(const MigrationPart& part, size_t index, const Status& cause,
                                const StepResult& result) const {
  const SqlStatement& stmt = part.statements[index];
  Status err = cause;
  err.Prepend("migration " + std::to_string(result.version) + " " + DirectionName(result.direction) +
              " failed at statement " + std::to_string(index + 1) + " of " +
              std::to_string(part.statements.size()) + " (" + FirstLine(stmt.text) + ")");
  // `file:line:` says where the statement starts, as for a parse error.
  err.At(PathOf(result), stmt.line);
  return err;
}

std::string Migrator::PathOf(const StepResult& result) const { return JoinPath(folder_, result.file); }

Status Migrator::StopError(int signal, size_t statements_done, const MigrationPart& part, const StepResult& result,
                           const std::string& state) const {
  return Status::Failed("migration " + std::to_string(result.version) + " " + DirectionName(result.direction) +
                        " stopped by " + StopSignalName(signal) + " after statement " +
                        std::to_string(statements_done) + " of " + std::to_string(part.statements.size()) + ": " +
                        state)
      .At(PathOf(result));
}

// One statement of the migration, within what is left of --migration-timeout.
Status Migrator::ExecStatement(const std::string& sql) {
  Observe(SqlEvent::kStatement, sql);
  if (migration_timeout_.count() == 0) return conn_->Exec(sql);
  auto elapsed = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(env_.SteadyNow() - started_);
  };
  std::string budget = "--migration-timeout " + std::to_string(migration_timeout_.count() / 1000.0).substr(0, 5) + "s";
  auto left = migration_timeout_ - elapsed();
  if (left.count() <= 0) return Status::Failed("the migration ran out of time (" + budget + ")");
  auto limit = statement_timeout_.count() > 0 ? std::min(left, statement_timeout_) : left;
  GANDER_RETURN_IF_ERROR(conn_->SetStatementTimeout(limit));
  Status st = conn_->Exec(sql);
  // gander's own statements: the usual limit again. Not reported: the
  // statement's own outcome must stand (it took effect or it did not), and a
  // connection that cannot take the setting fails the next statement anyway.
  conn_->SetStatementTimeout(statement_timeout_).IgnoreError();
  if (!st.ok() && elapsed() >= migration_timeout_) st.Prepend("the migration ran out of time (" + budget + ")");
  return st;
}

Status Migrator::RunAtomic(const MigrationPart& part, bool own_transaction, StepResult* result) {
  if (own_transaction) GANDER_RETURN_IF_ERROR(conn_->Begin());
  for (size_t i = 0; i < part.statements.size(); ++i) {
    Status st = ExecStatement(part.statements[i].text);
    if (!st.ok()) {
      if (st.outcome_unknown()) result->in_doubt = static_cast<int>(i);
      if (own_transaction) RollbackAfterFailure();
      return StatementError(part, i, st, *result);
    }
    ++result->statements_run;
    // A stop signal: abandon the step at this safe point, nothing of it stays.
    if (int signal = env_.StopSignal()) {
      if (own_transaction) RollbackAfterFailure();
      return StopError(signal, i + 1, part, *result,
                       own_transaction ? "its transaction was rolled back, nothing of it was applied"
                                       : "the statement completed");
    }
  }
  // The record and the COMMIT in one round trip: per migration, gander then
  // talks to the server as often as the engine's own CLI running the file.
  std::string finish = store_ ? RecordSql(*result) : "";
  if (own_transaction) finish += finish.empty() ? "COMMIT" : "; COMMIT";
  Status st = finish.empty() ? Status::OK() : conn_->Exec(finish);
  if (!st.ok()) {
    if (own_transaction) RollbackAfterFailure();
    return st.Prepend("migration " + std::to_string(result->version) + ": recording it in the tracking table and committing")
        .At(PathOf(*result));
  }
  return Status::OK();
}

// Statements take effect one by one (NO TRANSACTION), or in a transaction that
// the engine commits implicitly at every DDL statement (MySQL). `done` counts
// the statements known to have taken effect; the dirty marker says so before
// each statement that commits on its own, with `in_flight` set, so that after
// a crash `resume` knows which statement may or may not have taken effect.
//
// The protocol is the least that keeps that exact (issue #21): one marker
// write per statement that commits on its own, in one round trip (with the
// COMMIT of the statements before it where a transaction is open); no marker
// before the first statement when that statement's own marker follows at
// once; gander's transaction opened only before a statement that needs it
// (not after each DDL when the next is DDL too); the record, the marker's
// deletion and the COMMIT in one round trip.
Status Migrator::RunTracked(const MigrationPart& part, int first_statement, StepResult* result) {
  const Dialect& dialect = conn_->dialect();
  int total = static_cast<int>(part.statements.size());
  DirtyState dirty{result->version, result->direction, first_statement, total, false, result->file, "", ""};
  bool in_tx = part.use_tx;
  // A part run outside gander's transaction may write its own (a paired file
  // run as written, a goose NO TRANSACTION file): between its BEGIN and
  // COMMIT nothing commits alone, so no marker is written there (the
  // marker's own transaction would end the file's early, or SQLite would
  // refuse it); a crash inside rolls back to the marker written before it.
  std::vector<bool> open_after;
  if (!in_tx) {
    std::optional<lint::Engine> engine = lint::EngineFromName(dialect.name());
    if (engine) open_after = ReadTransactionNeeds(part, *engine, 0).open_after;
  }
  auto commits_alone = [&](int i) {
    bool file_tx_open = i > 0 && static_cast<size_t>(i) <= open_after.size() && open_after[i - 1];
    return in_tx ? dialect.CommitsImplicitly(part.statements[i].text) : !file_tx_open;
  };
  // The marker "running, none in flight" is only needed when statements may
  // run before the first in-flight marker (a transaction's DML before its
  // first DDL, an empty part): it also replaces a resumed step's old marker.
  if (store_ && (first_statement >= total || !commits_alone(first_statement))) {
    GANDER_RETURN_IF_ERROR(store_->WriteDirty(dirty));
  }
  bool tx_open = false;  // gander's transaction (in_tx) is open now
  int done = first_statement;
  for (int i = first_statement; i < total; ++i) {
    const std::string& sql = part.statements[i].text;
    bool alone = commits_alone(i);
    if (store_ && alone) {
      // Inside a transaction this commits the statements before i together
      // with the marker that says they are done: the DDL's own implicit
      // commit then hides nothing.
      dirty.statements_done = i;
      dirty.in_flight = true;
      Status marked = tx_open ? store_->WriteDirtyAndCommit(dirty) : store_->WriteDirty(dirty);
      tx_open = false;
      if (!marked.ok()) {
        if (in_tx) RollbackAfterFailure();
        return marked.Prepend("migration " + std::to_string(result->version) + ": recording progress");
      }
      done = i;
    } else if (in_tx && !tx_open) {
      // Statements that do not commit alone run together, until the next
      // marker (or the record) commits them.
      GANDER_RETURN_IF_ERROR(conn_->Begin());
      tx_open = true;
    }
    Status st = ExecStatement(sql);
    if (!st.ok()) {
      if (in_tx) RollbackAfterFailure();
      Status err = StatementError(part, i, st, *result);
      if (st.outcome_unknown()) {
        // The statement may have run: the marker written before it says
        // so, and the caller settles it from the server's state.
        result->in_doubt = i;
        return err;
      }
      if (store_) {
        if (done == 0) {
          // Nothing took effect: a clean failure, simply retried. A marker
          // that stays behind says statement 1 may have run: say so.
          Status cleared = store_->ClearDirty();
          if (!cleared.ok()) err.Append("clearing the dirty marker failed too: " + cleared.message());
        } else {
          dirty.statements_done = done;
          dirty.in_flight = false;  // the failed statement did not take effect
          dirty.error = err.ToString();
          // The marker left is then the one written before the statement:
          // it says the statement may have run, which `resume` checks.
          Status marked = store_->WriteDirty(dirty);
          if (!marked.ok()) err.Append("recording the failure in the dirty marker failed too: " + marked.message());
          result->left_dirty = true;
        }
      }
      return err;
    }
    ++result->statements_run;
    if (alone) done = i + 1;
    // MySQL's implicit commit also ended an open transaction.
    if (alone) tx_open = false;
    // A stop signal: the statement completed; what took effect is recorded
    // (statements since the last implicit commit are rolled back).
    if (int signal = env_.StopSignal()) return StopTracked(signal, part, i + 1, done, in_tx, dirty, result);
  }
  return RecordDone(*result, tx_open);
}

Status Migrator::StopTracked(int signal, const MigrationPart& part, int completed, int done, bool in_tx,
                             DirtyState dirty, StepResult* result) {
  if (in_tx) RollbackAfterFailure();
  if (!store_) return StopError(signal, completed, part, *result, "nothing is recorded (-no-versioning)");
  if (done == 0) {
    // Nothing was committed (a transaction before its first DDL): a clean stop.
    Status err = StopError(signal, completed, part, *result, "its transaction was rolled back, nothing of it was applied");
    Status cleared = store_->ClearDirty();
    if (!cleared.ok()) err.Append("clearing the dirty marker failed too: " + cleared.message());
    return err;
  }
  Status err = StopError(signal, completed, part, *result,
                         "it is dirty with " + std::to_string(done) + " statement(s) done and none in flight; `resume` "
                         "continues from statement " + std::to_string(done + 1));
  dirty.statements_done = done;
  dirty.in_flight = false;
  dirty.error = err.ToString();
  Status marked = store_->WriteDirty(dirty);
  if (!marked.ok()) err.Append("recording the failure in the dirty marker failed too: " + marked.message());
  result->left_dirty = true;
  return err;
}

std::string Migrator::RecordSql(const StepResult& result) const {
  std::string sql = store_->RecordSql(result.direction, result.version);
  if (!record_hook_) return sql;
  StepResult so_far = result;
  so_far.seconds = std::chrono::duration<double>(env_.SteadyNow() - started_).count();
  std::string extra = record_hook_(so_far);
  return extra.empty() ? sql : sql + "; " + extra;
}

Status Migrator::RecordDone(const StepResult& result, bool tx_open) {
  if (!store_) return tx_open ? conn_->Commit() : Status::OK();
  // One round trip: the record, the marker's deletion and the COMMIT, in the
  // transaction still open or in one of their own.
  std::string sql = RecordSql(result) + "; " + store_->ClearDirtySql() + "; COMMIT";
  Status st = conn_->Exec(tx_open ? sql : "BEGIN; " + sql);
  if (!st.ok()) {
    RollbackAfterFailure();
    return st.Prepend("migration " + std::to_string(result.version) + ": recording it in the tracking table")
        .At(PathOf(result));
  }
  return Status::OK();
}

}  // namespace gander
