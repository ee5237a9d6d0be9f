// What one changing command leaves in the audit trail: one history event per
// migration step (recorded in the step's own transaction), and at the end one
// JSON version snapshot, stored as a row of `<table>_snapshots` (and, when a
// snapshot folder is configured, as a file there), chained to the previous
// one by its SHA-256.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/env.h"
#include "app/migrator.h"
#include "app/session.h"
#include "core/audit.h"
#include "db/audit_store.h"

namespace gander {

// Who ran what; everything here is already free of passwords.
struct AuditCommand {
  std::string command;                 // up, down, force, ...
  std::vector<std::string> arguments;  // the command line, DSN redacted
  std::string database;                // the DSN, redacted
  std::string tracking_table;
  std::string snapshot_dir;  // empty: no snapshot files, the table is the record (docs/audit.md)
  // An earlier gander's default folder (DIR/.gander/snapshots) that exists
  // but is not configured: Finish's caller says it is no longer written.
  std::string unused_snapshot_dir;
};

class AuditRecorder {
 public:
  // Clocks, user, host, randomness and the snapshot folder come from `env`.
  AuditRecorder(Env& env, Session* session, AuditCommand command);

  // Creates the audit tables if needed, chains history rows of an older
  // gander, reads the head of the chain and completes what an interrupted
  // run left undone (the events without a snapshot join this command's; in
  // a configured snapshot folder, the files of the newest snapshots that
  // have none, from the table: a kill between row and file, or a folder
  // configured after the trail began). Call once the command is going to
  // change something (after pre-flight), under the lock: from then on the
  // head of the history is kept in memory.
  Status Start(int64_t version_before);

  // The history event of a step that is about to commit, as SQL to run in its
  // transaction (Migrator::set_record_hook). Remembered until StepDone. A
  // second call for the same step is its next attempt (the first rolled
  // back): that event takes the number the database says is next.
  std::string StepEventSql(const StepResult& result, const PartChecksums& sums);
  // A step ended: a successful one keeps the event its transaction committed
  // (the last attempt's); a failed one gets a `failed` (or `dirty`) event of
  // its own now, so call it after any rollback, over a new connection if the
  // old one no longer answers. Returns why that event could not be stored.
  Status StepDone(const StepResult& result, const PartChecksums& sums, const Status& status, int retries);
  // An --atomic batch committed: every step event it holds is final.
  void CommitBatch();
  // An event without a migration step (force, repair, checksum adoption), as
  // SQL for the caller's transaction; it appears in the snapshot once Finish
  // runs. `sums` (may be null) become the version's drift reference.
  std::string ManualEventSql(int64_t version, const std::string& direction, const std::string& outcome,
                             const std::string& file, const PartChecksums* sums);

  // Writes the snapshot of the command (ended with `outcome`): the row, then
  // the file if a folder is configured. Reconnects if the connection was
  // lost. An error here is a warning for the user: the migrations
  // themselves are done.
  Status Finish(const Status& outcome);

  int64_t seq() const { return head_.next_seq; }

 private:
  AuditEvent NewEvent(int64_t version, const std::string& direction, const std::string& outcome,
                      const std::string& file, const std::string& checksum);
  // The store of the session's current connection (a retry may have
  // replaced it): made again only when the connection changed.
  AuditStore& Store();
  // The snapshot but for its steps and schema objects (SnapshotArrayPlaceholder 0 and 1).
  nlohmann::json SnapshotHead(const Status& outcome, const DbVersions& versions, nlohmann::json schema,
                              int64_t last_event, const std::string& last_sha);
  Status CompleteInterruptedRun(AuditStore& store);
  // Writes the files of the newest snapshots that have none in the folder.
  Status CompleteSnapshotFolder(AuditStore& store);
  // Gives `event` the next id and its chain hash: after the history's newest
  // row as the database has it (`from_database`: after a failure, or for a
  // retried attempt), else after the last event this recorder made.
  void Chain(AuditEvent* event, bool from_database);

  Env& env_;
  Session* session_;
  AuditCommand command_;
  std::optional<AuditStore> store_;
  AuditHead head_;
  // The newest history row known to be committed: where a rolled back
  // attempt's successor chains from.
  std::string committed_row_sha256_;
  // Something failed since the last commit: the next event chains after the
  // row the database holds, not after the one in memory.
  bool reread_head_ = false;
  bool started_ = false;
  int64_t version_before_ = 0;
  std::chrono::system_clock::time_point started_at_;
  std::string user_, host_;
  std::vector<AuditEvent> pending_;    // step events awaiting their commit
  // Per step: event plus retries, already rendered (SnapshotElementText): a
  // few hundred bytes, not a tree, for each of thousands of steps.
  std::vector<std::string> steps_;
  void Keep(const AuditEvent& event, int retries, const Status& status);
};

}  // namespace gander
