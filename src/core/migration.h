// The values that describe migrations: where they come from (MigrationSource)
// and what they contain once parsed (ParsedMigration). Pure data, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

enum class Direction { kUp, kDown };

inline const char* DirectionName(Direction d) { return d == Direction::kUp ? "up" : "down"; }

// One statement exactly as it is sent to the database (a single string may
// hold several SQL statements, as in goose), and where it starts in its file.
struct SqlStatement {
  std::string text;
  int line = 0;  // 1-based line of the statement's first line in its file
};

// One direction of a migration.
struct MigrationPart {
  bool use_tx = true;  // false under `-- +goose NO TRANSACTION`
  // Set, with use_tx false, when gander decided from the statements that a
  // paired part runs outside a transaction (DecideTransactions in
  // core/transaction_needs.h): why, for the plan. The file itself declared
  // nothing, so checksums take the part as transactional.
  std::string outside_tx_reason;
  std::vector<SqlStatement> statements;
  // Not OK when this direction's text is malformed although the file's
  // structure is sound (an unfinished last statement, an ENVSUB error): the
  // part cannot run, but the other direction can, as in goose, which parses
  // only the direction it runs. `statements` then holds what was read.
  Status problem;
};

// A parsed migration file (or pair of files).
struct ParsedMigration {
  MigrationPart up;
  // nullopt when the file has no `-- +goose Down` section (or a paired
  // migration has no .down.sql file); an empty Down section is a present,
  // empty part.
  std::optional<MigrationPart> down;
};

enum class SourceFormat {
  kGoose,   // VERSION_name.sql with -- +goose Up / Down sections
  kPaired,  // VERSION_name.up.sql + VERSION_name.down.sql (golang-migrate style)
};

// A migration found in the migrations directory, before parsing.
struct MigrationSource {
  int64_t version = 0;
  std::string file;       // goose file, or the .up.sql file of a pair (name only, no directory)
  std::string down_file;  // the .down.sql file of a pair; empty if none or kGoose
  SourceFormat format = SourceFormat::kGoose;
  // A pair with no .up.sql file (golang-migrate reads it as an up that does
  // nothing): `file` then names the .down.sql file too, and the up part is empty.
  bool up_missing = false;
};

}  // namespace gander
