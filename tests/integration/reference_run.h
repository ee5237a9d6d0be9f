// The reference for the real-world corpora (../shared/realworld/SOURCES.md,
// "How the ground truth was made"): the engine's own client running a
// folder's files one by one, without gander. The real-world suite builds a
// second database with it and compares gander's result to it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gander::test {

// One migration as the reference sees it: ordered by version, then file name
// (a duplicated version is two migrations), up and down paired by version.
struct ReferenceMigration {
  int64_t version = 0;
  std::string up_file;    // path; "" for a version with only a down file (a no-op up)
  std::string down_file;  // path; "" when there is none
  bool goose = false;     // one goose file holding both sections
};

// The folder's migrations (`.sql` files), in the reference's order.
std::vector<ReferenceMigration> ReferenceMigrations(const std::string& dir);

// The outcome of one direction: how many parts ran, and the first failure.
struct ReferenceOutcome {
  int applied = 0;        // parts that ran to the end (a no-op up of a down-only version counts)
  int skipped = 0;        // down parts that are missing or empty
  std::string failed;     // file name (no folder) of the part that failed; "" if none
  std::string error;      // the client's message for it
};

// Runs every up part in order on `dsn` with `engine`'s client (psql without
// -1 for paired files, -1 for goose Up sections unless NO TRANSACTION;
// mariadb; sqlite3 -bail, goose sections wrapped in BEGIN/COMMIT), stopping
// at the first failure (whose partial effects stay, as with the reference).
// `stop_at` (a file name): run nothing from that file on, to leave out a
// failing file's partial effects where gander rolled the migration back.
ReferenceOutcome ReferenceUp(const std::string& engine, const std::string& dsn,
                             const std::vector<ReferenceMigration>& migrations, const std::string& stop_at = "");

// Runs the down parts of migrations[0, count) in reverse, skipping missing
// or empty ones, stopping at the first failure (or before `stop_at`).
ReferenceOutcome ReferenceDown(const std::string& engine, const std::string& dsn,
                               const std::vector<ReferenceMigration>& migrations, int count,
                               const std::string& stop_at = "");

// The real-world folders (../shared/realworld, read in place), or
// GANDER_REALWORLD_DIR when set.
std::string RealworldDir();

}  // namespace gander::test
