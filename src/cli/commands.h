// The resolved invocation: every setting from flags, environment, .env and
// gander.json. Each command's entry point (declared beside its row in
// cli/command_table.cc) builds from it, once, the typed request its handler
// reads, and returns the process exit code; all printing goes through Output.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/env.h"
#include "cli/output.h"
#include "core/retry.h"
#include "core/settings.h"

namespace gander {

// Everything a command needs, resolved from flags, environment and .env.
struct Invocation {
  Env* env = nullptr;             // the world (clocks, files, environment): RunCli's RealEnv
  std::string command;
  std::vector<std::string> args;  // the command's own positional arguments
  std::string driver;             // canonical driver name, empty if none given
  std::string dbstring;
  std::string dir = ".";
  std::string table = "goose_db_version";
  std::string adopt_table;        // the DSN's x-migrations-table (golang-migrate's table); "": schema_migrations
  bool allow_missing = false;
  bool no_versioning = false;
  bool sequential = false;        // create -s
  bool yes = false;               // confirmation given in advance
  long long steps = 1;            // down --steps N
  bool steps_given = false;
  double lock_timeout_seconds = 60;
  bool dry_run = false;           // plan / --dry-run: print, write nothing
  long long expect_version = -1;  // --expect-version V; -1 = not given
  bool interactive = false;       // stdin and stderr are terminals: confirmations may ask
  bool allow_drift = false;       // --allow-drift: roll back files changed since applied
  double max_file_mb = 64;         // --max-file-mb / GANDER_MAX_FILE_MB: larger files are refused
  bool allow_unsafe_force = false;  // --allow-unsafe-force: force a version with no file, or already applied
  bool atomic = false;            // --atomic: the whole plan in one transaction
  bool no_lint = false;           // --no-lint / GANDER_NO_LINT=1: no lint pre-flight in up/down
  bool allow_no_down = false;     // --allow-no-down: roll back a migration without a down part as goose does
  double statement_timeout_seconds = 0;  // --statement-timeout; 0 = none
  double migration_timeout_seconds = 0;  // --migration-timeout; 0 = none
  RetryPolicy retry;              // transient failures (--max-retries, --retry-*)
  std::vector<std::string> argv;  // the original command line (for audit, redacted)
  std::string snapshot_dir;       // audit snapshot files; empty: none, <table>_snapshots is the record
  std::string since;              // history --since (UTC, ISO 8601 prefix)
  std::string direction;          // history --direction up|down
  std::string in_flight;          // resume --in-flight done|redo
  std::string metrics_file;       // --metrics-file: Prometheus textfile after each changing run
  std::map<std::string, ResolvedSetting> settings;  // every setting with its source (gander env)
  bool allow_nonempty = false;    // verify --allow-nonempty
  bool verify_data = false;       // verify --data
  long long verify_base = -1;     // verify --only-new BASE (or --from V as V-1): apply, don't check, up to here
  std::string config;             // --config FILE (passed on to fleet targets)
  std::string project_file;       // the project file the settings came from ("" none): --config, GANDER_CONFIG (env, .env) or ./gander.json
  // fleet (docs/scale.md)
  std::string targets_file;       // --targets FILE (or GANDER_TARGETS)
  std::vector<std::string> select;  // --select key=glob[,...], repeatable: all must match
  size_t parallel = 1;            // --parallel K
  size_t canary = 0;              // --canary N
  std::optional<size_t> max_failures;      // --max-failures M
  std::optional<double> max_failure_rate;  // --max-failure-rate P (percent)
  std::string fleet_state;        // --fleet-state FILE (default: beside the targets file)
  // lint (docs/lint.md)
  std::string lint_engine;        // --engine postgres|mysql|sqlite
  std::string lint_format;        // --format github|gitlab ("" = text, or --json)
  bool lint_strict = false;       // --strict: exit 3 when there are only warnings
  // Read by RunCli itself (cli/settings_table.cc).
  bool json = false, verbose = false, help = false, print_version = false, no_color = false;
  double goose_timeout_seconds = 0;  // goose's -timeout, taken as the migration timeout
  std::string certfile, ssl_cert, ssl_key;  // goose's MySQL TLS files (refused for mysql)
};

}  // namespace gander
