// Whether the statements of a migration part can run inside one transaction
// block, and how they relate to a transaction the file writes itself. Read
// from the tokens of the splitter's own lexer (core/lint/tokens.h), never
// from the raw text: a `CONCURRENTLY` or `BEGIN` inside a comment, a string or
// a dollar-quoted body does not count. Pure.
//
// The engine decides with it how a part runs (docs/file-format.md,
// "Transactions"): a paired file that needs it runs outside gander's
// transaction, as golang-migrate runs it; a goose file that needs it but runs
// in a transaction is refused before anything is applied.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/lint/sql_types.h"
#include "core/lint/statement.h"
#include "core/migration.h"

namespace gander {

// What `s` is when it cannot run inside a transaction block on `engine`,
// named for messages ("CREATE INDEX CONCURRENTLY", "VACUUM"); "" when it can.
// ALTER TYPE ... ADD VALUE depends on the server version and on what follows
// it, so ReadTransactionNeeds decides it.
std::string OutsideTransactionOnly(const lint::Statement& s, lint::Engine engine);

// How one migration statement (a string as sent, which may hold several SQL
// statements) changes a transaction the file writes itself.
enum class OwnTxEffect {
  kNone,    // none, or a transaction begun and ended within the string
  kOpens,   // leaves the file's transaction open (BEGIN, START TRANSACTION)
  kCloses,  // ends it (COMMIT, END, ROLLBACK), followed by nothing durable in the string
  kOther,   // ends it and goes on (`COMMIT; CREATE ...`), ends and reopens it, or ends it implicitly (MySQL DDL)
};

// A statement found in a part: where it is and what it is.
struct TxFinding {
  size_t statement = 0;  // index into the part's statements
  int line = 0;          // line in the file of the SQL statement found
  std::string what;      // "CREATE INDEX CONCURRENTLY", "BEGIN", "PRAGMA foreign_keys"
};

struct TransactionNeeds {
  // Statements that cannot run inside a transaction block.
  std::vector<TxFinding> outside;
  // The file's own transaction control: BEGIN / START TRANSACTION, COMMIT /
  // END, ROLLBACK (not ROLLBACK TO a savepoint).
  std::vector<TxFinding> control;
  // Statements that silently do nothing inside a transaction: SQLite's
  // PRAGMA foreign_keys (a table rebuild written around it would then run
  // with foreign keys on).
  std::vector<TxFinding> ineffective;
  // Per statement of the part: its effect on the file's own transaction.
  std::vector<OwnTxEffect> effects;
  // Per statement: whether the file's own transaction is open after it (a
  // `COMMIT; BEGIN` string leaves it open, although its effect is kOther).
  std::vector<bool> open_after;
  // Per statement: true when it only changes the session (SET, RESET, a
  // connection-scoped PRAGMA): nothing in the database, so it is not
  // progress, and resuming after it means running it again.
  std::vector<bool> session_only;

  // Whether a paired file with these needs runs outside gander's transaction.
  bool runs_outside() const { return !outside.empty() || !control.empty() || !ineffective.empty(); }
  // Why, for the plan: "CREATE INDEX CONCURRENTLY at line 3", or "its own
  // transaction (BEGIN at line 2)"; "" when it does not.
  std::string Reason() const;
};

// Reads `part` as SQL for `engine`. `server_major` is the server's major
// version, 0 when unknown (taken as a recent one): before PostgreSQL 12,
// ALTER TYPE ... ADD VALUE cannot run in a transaction block; from 12 on it
// can, unless a later statement of the same part uses the new value (as a
// string literal), which PostgreSQL refuses before the value is committed.
TransactionNeeds ReadTransactionNeeds(const MigrationPart& part, lint::Engine engine, int server_major);

// The database a migration is about to run on, as far as its transactions go.
struct RunTarget {
  lint::Engine engine = lint::Engine::kSqlite;
  int server_major = 0;  // 0: unknown, taken as a recent version
};

// A paired migration (golang-migrate sends each file as one query and opens
// no transaction): each part whose statements need it (runs_outside()) gets
// use_tx false and outside_tx_reason, so that it runs the NO TRANSACTION way,
// under the dirty-marker protocol, as golang-migrate would run it. A goose
// migration keeps what its annotation says.
void DecideTransactions(SourceFormat format, const RunTarget& target, ParsedMigration* m);

// A goose part that runs in a transaction but holds a statement that cannot
// (goose itself would fail on it, after applying the migrations before), or
// writes its own BEGIN/COMMIT: Status::Refused at file:line of the first such
// statement, naming it and the fix (`-- +goose NO TRANSACTION`). OK for a
// part without either, and for any NO TRANSACTION part.
Status GooseTransactionProblem(const MigrationPart& part, const std::string& file, const RunTarget& target);

}  // namespace gander
