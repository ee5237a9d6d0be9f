// Migration sets in which every statement leaves a mark that can be looked
// up (a row in the application's `ledger` table, or a table), and the judge
// that compares those marks with what gander recorded: after any fault, each
// migration must be either applied and recorded, or absent and unrecorded,
// or reported dirty by `status` with exactly the statements it says done.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "integration/harness.h"

namespace gander::test {

struct LedgerStatement {
  std::string sql;
  std::string note;   // a data statement: the ledger row it inserts
  std::string table;  // a schema statement: the table it creates
  // (neither: a statement that leaves no mark, such as a slow SELECT)
};

struct LedgerMigration {
  int64_t version = 0;
  std::string file;
  std::vector<LedgerStatement> up;
};

struct LedgerSet {
  bool no_transaction = false;
  std::vector<LedgerMigration> migrations;
  // Writes the files into dir/name and returns that folder.
  std::string Write(const TempDir& dir, const std::string& name) const;
};

// Three migrations, each inserting known ledger rows and creating a table:
//   1: INSERT x1a; CREATE TABLE y1        (x = m, y = t; NO TRANSACTION: x = n, y = u)
//   2: INSERT x2a; CREATE TABLE y2; INSERT x2b
//   3: INSERT x3a                          (data only: a re-run cannot fail)
LedgerSet ThreeMigrations(bool no_transaction);
// One migration of `statements` INSERTs (ledger rows b1, b2, ...) after one
// that creates nothing: for kills at random points of a long file.
LedgerSet LongMigration(bool no_transaction, int statements);

// Three migrations whose third runs a slow statement (about 2 s, leaving no
// mark) between two ledger rows, for signals and kills aimed at a migration
// in flight:
//   1: INSERT s1a; CREATE TABLE s1   2: INSERT s2a; CREATE TABLE s2   3: INSERT s3a; <slow>; INSERT s3b
LedgerSet SlowThird(const std::string& engine, bool no_transaction);

// The application's own table the sets write to, made directly (not by a
// migration) before gander runs.
std::string CreateLedgerSql();

// What every case starts from: a scratch database on `engine` with the
// ledger table, and the set's files in `dir`. Fails the test (REQUIRE) when
// the database cannot be made.
struct LedgerScratch {
  LedgerScratch(const std::string& engine, LedgerSet migrations);
  ScratchDb db;
  TempDir temp;
  LedgerSet set;
  std::string dir;
};

// What the database holds, read directly and through `status --json`.
struct LedgerState {
  std::map<std::string, int> notes;    // ledger note -> rows
  std::set<std::string> tables;        // the set's tables that exist
  std::map<int64_t, int> records;      // version -> tracking rows saying applied
  std::map<int64_t, bool> status_applied;  // what `status` says per version
  struct Dirty {
    int64_t version = 0;
    int done = 0;
    bool in_flight = false;
  };
  std::optional<Dirty> dirty;          // the marker `status` reports
  std::string status_error;            // `status` failed: its stderr
};

// Reads the state of `db`, whose migrations are in `dir`. Never fails the
// test (safe in worker threads): problems land in `*error`.
bool ReadLedgerState(ScratchDb& db, const std::string& dir, const LedgerSet& set, LedgerState* out,
                     std::string* error);

// Counted per migration: one line of `problems` each.
struct Verdict {
  int double_applies = 0;  // migrations with a ledger row or a tracking row twice
  int unexplained = 0;     // migrations whose marks and records disagree, no dirty marker explaining it
  bool complete = false;   // every migration applied once and recorded once, no marker
  std::vector<std::string> problems;
};
Verdict Judge(const LedgerSet& set, const LedgerState& state);

// Finishes the job directly, as an operator would: `resume` when dirty (with
// `--in-flight done|redo` for a data statement, judged by its mark), then
// `up`; true when the set is then complete. Problems land in `*why`.
bool FinishJob(ScratchDb& db, const std::string& dir, const LedgerSet& set, const LedgerState& state,
               std::string* why);

}  // namespace gander::test
