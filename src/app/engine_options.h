// What the migration engine reads of a command's settings: the CLI resolves
// flags, environment and files, then hands over only this.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "app/audit_recorder.h"
#include "core/lint/lint.h"
#include "core/retry.h"

namespace gander {

// resume --in-flight: what to assume of the statement that was running when
// gander stopped.
enum class InFlight {
  kCheck,  // not given: re-run a schema statement to find out, refuse a data statement
  kDone,   // it took effect: continue after it
  kRedo,   // it did not: run it again
};

struct EngineOptions {
  std::string dir = ".";                  // the migrations folder
  std::string table = "goose_db_version";  // the tracking table
  // The golang-migrate table to adopt from when there is no tracking table
  // (the DSN's x-migrations-table); "": schema_migrations (app/adopt.h).
  std::string adopt_table;
  bool no_versioning = false;             // -no-versioning: the tracking table is neither read nor written
  bool allow_drift = false;               // --allow-drift: roll back files changed since they were applied
  bool atomic = false;                    // --atomic: the whole plan in one transaction
  // Pre-flight lint (docs/lint.md#pre-flight-in-up-and-down): a plan whose
  // steps break an error-severity rule of their direction is refused.
  bool lint = true;                       // false: --no-lint / GANDER_NO_LINT=1
  lint::LintConfig lint_config;           // the rule severities of gander.json
  // --allow-no-down / "no_down": "skip": a migration without a down part is
  // rolled back as goose does (its row deleted, nothing run) instead of refused.
  bool allow_no_down = false;
  int64_t expect_version = -1;            // --expect-version; -1: not given
  std::chrono::milliseconds lock_timeout{60000};
  std::chrono::milliseconds statement_timeout{0};  // zero: no limit
  std::chrono::milliseconds migration_timeout{0};  // zero: no limit
  RetryPolicy retry;
  InFlight in_flight = InFlight::kCheck;
  // `gander [flags] DRIVER 'DSN'` as the user would retype it, password
  // redacted: the start of the recovery commands that refusals name.
  std::string command_prefix;
  // The command as the audit trail records it (its command name also
  // names the snapshot file).
  AuditCommand audit;
};

}  // namespace gander
