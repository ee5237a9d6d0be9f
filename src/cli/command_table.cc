#include "cli/command_table.h"

#include "cli/settings_table.h"

namespace gander {

// Each command's entry point, defined in its own src/cli/cmd_*.cc: it builds
// the command's request from the invocation and runs the handler on it.
int CmdUp(const Invocation& inv, const Output& out);       // up, up-by-one, up-to V
int CmdDown(const Invocation& inv, const Output& out);     // down, down-to V, reset, redo
int CmdStatus(const Invocation& inv, const Output& out);
int CmdVersion(const Invocation& inv, const Output& out);
int CmdValidate(const Invocation& inv, const Output& out);
int CmdCreate(const Invocation& inv, const Output& out);
int CmdFix(const Invocation& inv, const Output& out);
int CmdRecover(const Invocation& inv, const Output& out);  // resume, force V
int CmdRepair(const Invocation& inv, const Output& out);   // re-record checksums
int CmdHistory(const Invocation& inv, const Output& out);  // audit events
int CmdAudit(const Invocation& inv, const Output& out);    // audit verify
int CmdSnapshot(const Invocation& inv, const Output& out); // snapshot show / diff
int CmdVerify(const Invocation& inv, const Output& out);   // up/down/up with schema and data checks
int CmdDatasum(const Invocation& inv, const Output& out);  // row counts and CRC-64 per table
int CmdCompare(const Invocation& inv, const Output& out);  // two databases' schemas and data
int CmdEnv(const Invocation& inv, const Output& out);      // effective settings and their sources
int CmdInit(const Invocation& inv, const Output& out);     // starter project
int CmdSchema(const Invocation& inv, const Output& out);   // canonical schema description
int CmdFleet(const Invocation& inv, const Output& out);    // a command over many databases
int CmdLint(const Invocation& inv, const Output& out);     // what the migrations will do (docs/lint.md)

const std::vector<CommandInfo>& Commands() {
  static const std::vector<CommandInfo> commands = {
      {"up", "", "Migrate the database to the most recent version available", "", true, CmdUp,
       kChangesDatabase | kDryRun | kInFleet},
      {"up-by-one", "", "Migrate the database up by 1", "", true, CmdUp,
       kChangesDatabase | kDryRun | kInFleet},
      {"up-to", "VERSION", "Migrate the database to a specific VERSION", "", true, CmdUp,
       kChangesDatabase | kDryRun | kInFleet},
      {"down", "[--steps N]", "Roll back the version by 1 (or N, newest first)",
       "Rolls back the most recently applied migration, as goose does; --steps N repeats it N times.\n"
       "Each migration is rolled back in its own transaction where the engine allows it.",
       true, CmdDown,
       kChangesDatabase | kDryRun | kInFleet | kConfirmSteps | kRollsBack},
      {"down-to", "VERSION", "Roll back to a specific VERSION",
       "Rolls back migrations newest first until the current version is VERSION or lower.\n"
       "Already at or below VERSION: nothing happens, exit 0.",
       true, CmdDown,
       kChangesDatabase | kDryRun | kInFleet | kConfirmRollback | kRollsBack},
      {"redo", "", "Re-run the latest migration (down, then up)", "", true, CmdDown,
       kChangesDatabase | kDryRun | kInFleet | kRollsBack},
      {"reset", "", "Roll back all migrations", "", true, CmdDown,
       kChangesDatabase | kDryRun | kConfirmRollback | kRollsBack},
      {"status", "", "Dump the migration status for the current database",
       "Lists every migration with its applied time or Pending, applied versions whose file is\n"
       "missing, and a dirty migration with the commands that recover it.",
       true, CmdStatus,
       kInFleet},
      {"version", "", "Print the current version of the database", "", true, CmdVersion,
       kInFleet},
      {"create", "NAME [sql]", "Create a new migration file (timestamped; -s for sequential)", "", false,
       CmdCreate},
      {"fix", "", "Renumber timestamped migrations sequentially, keeping their order", "", false, CmdFix},
      {"validate", "", "Parse every migration file without touching a database",
       "With --json prints {\"migrations\":[{\"version\",\"file\",\"up\",\"down\"}]}, each part holding\n"
       "\"transaction\" and \"statements\" exactly as they will be sent; a missing down part is null.\n"
       "On a parse error: exit 2 and {\"error\":{\"file\",\"line\",\"message\"}}.\n"
       "Given DRIVER and DBSTRING, also compares with the database: applied migrations whose files\n"
       "changed since they were applied (drift) or are missing; exit 3 on any finding.",
       false, CmdValidate,
       kInFleet},
      {"repair", "--yes", "Re-record the checksums of applied migrations from the files as they are now",
       "Use after reviewing a drift report (validate with a database): the files become the reference.", true,
       CmdRepair,
       kChangesDatabase | kNeedsYes},
      {"resume", "[--in-flight done|redo]", "Continue a dirty migration from its first statement not done",
       "A migration that could not run atomically (NO TRANSACTION, or DDL on MySQL/MariaDB) and\n"
       "failed leaves a dirty state. After fixing the cause, resume runs its remaining statements\n"
       "and records it. If gander was killed while a statement ran, that statement may or may not\n"
       "have taken effect: a schema statement is re-run to find out (\"already exists\" means it\n"
       "had); for a data statement say which with --in-flight done (skip it) or redo (run it).",
       true, CmdRecover,
       kChangesDatabase | kInFleet},
      {"force", "VERSION --yes", "Mark VERSION done without running SQL and clear a dirty state",
       "For a dirty migration repaired by hand: records VERSION as applied (or, for a dirty down,\n"
       "as rolled back) and clears the dirty marker. Needs --yes. Refused (exit 3) unless\n"
       "--allow-unsafe-force: VERSION has no file, is already applied, or another version is dirty.",
       true, CmdRecover,
       kChangesDatabase | kNeedsYes},
      {"history", "[VERSION] [--since T] [--direction up|down]", "List every migration event, rollbacks included",
       "Reads <table>_history: one event per migration step (applied, rolled_back, failed, dirty) and\n"
       "per force or repair, with its start time (UTC), duration, user, host and command. History is\n"
       "never deleted by a rollback. --since takes a UTC time prefix (2026-11-01 or 2026-11-01T12:00).",
       true, CmdHistory,
       kInFleet},
      {"audit", "verify", "Check the audit trail: snapshot chain, snapshot files, live schema",
       "Re-checks the hash chain of <table>_snapshots, compares every file of the snapshot folder\n"
       "(--snapshot-dir, if set) with its copy in the database, and the newest snapshot's schema\n"
       "fingerprint with the live schema. Lists every finding (edited, missing or foreign snapshot,\n"
       "schema changed by hand); exit 3 on any.",
       true, CmdAudit},
      {"snapshot", "show [N|latest] | diff A B", "Print an audit snapshot, or what changed between two",
       "show prints snapshot N (default latest) as stored. diff lists the versions applied and rolled\n"
       "back, the migrations run, and the schema objects added, missing or changed from A to B.",
       true, CmdSnapshot},
      {"verify", "[--data] [--from V | --only-new BASE] [--allow-nonempty]",
       "Prove on a scratch database that every down part undoes its up part",
       "For each pending migration in order: reads the schema, applies up, rolls back (the schema\n"
       "must be as before), applies up again (the schema must be as after the first up). With\n"
       "--data, down+up must also keep every row of the tables the down part does not drop.\n"
       "--only-new BASE applies migrations up to BASE without checks (the main branch's) and\n"
       "verifies the newer ones; --from V verifies from V on. Stops at the first migration that\n"
       "breaks, naming the difference; exit 1. Refuses a database that already holds tables\n"
       "unless --allow-nonempty. Leaves the database migrated to the latest version.",
       true, CmdVerify,
       kChangesDatabase | kInFleet},
      {"datasum", "[TABLE...]", "Print each table's row count and a CRC-64 of its rows",
       "The same rows give the same sum on the same engine whatever their insert order: each row\n"
       "is encoded canonically (columns in name order), the encodings are sorted, then summed.",
       true, CmdDatasum,
       kInFleet},
      {"compare", "[DRIVER_B] DBSTRING_B", "Compare two databases' schemas and data",
       "Lists schema objects added, missing or changed in B, and tables whose rows differ\n"
       "(count and CRC-64). Exit 3 if they differ. DRIVER_B defaults to DRIVER.",
       true, CmdCompare},
      {"env", "", "Print every setting's effective value and where it comes from",
       "Precedence: flag > GANDER_* env > GOOSE_* env > .env (GANDER_*, then GOOSE_*) > gander.json\n"
       "(or --config FILE / GANDER_CONFIG) > default. The DSN's password is shown as ***.",
       false, CmdEnv},
      {"lint", "[--engine E] [DRIVER DBSTRING]", "Report what the migrations will lock, lose or break (docs/lint.md)",
       "Reads every migration (with DRIVER DBSTRING: only the pending ones) and reports, per statement,\n"
       "\"file:line: RULE severity: message\" and a fix: locks and table rewrites, statements that cannot\n"
       "run in a transaction, data lost by the up part or by a rollback, changes that break the running\n"
       "application, rollbacks that fail on rows written since the deploy. Exit 0 clean, 1 on an error,\n"
       "3 with --strict when there are only warnings.\n"
       "  --engine E          postgres, mysql or sqlite (default: DRIVER, else \"driver\" in gander.json;\n"
       "                      without one only the engine-neutral rules run)\n"
       "  --from V            lint migrations V and later (older ones count as history)\n"
       "  --json              one JSON object; --format github: workflow annotations;\n"
       "  --format gitlab     a GitLab Code Quality report\n"
       "  --strict            exit 3 when there are warnings and no error\n"
       "Silence a finding with a comment on (or right above) the statement, or at the top of the file:\n"
       "  -- gander:lint-ignore GL101[,GL110] the reason it is safe here\n"
       "Severities: {\"lint\": {\"rules\": {\"GL110\": \"off\", \"GL101\": \"error\"}}} in gander.json.",
       false, CmdLint},
      {"init", "[DIR]", "Start a project: a migrations folder (default migrations) and gander.json",
       "DIR defaults to the migrations folder setting when one is given (-dir, GOOSE_MIGRATION_DIR, .env),\n"
       "as goose's init does; missing parent folders are created.",
       false, CmdInit},
      {"schema", "", "Print the database's schema as gander describes it (tables, columns, indexes, ...)",
       "One line per object, \"kind name: definition\", sorted, from the engine's own catalog;\n"
       "gander's tables are left out. The last line gives the schema fingerprint recorded in audit\n"
       "snapshots. With --json: {\"engine\",\"fingerprint\",\"objects\":[{\"kind\",\"name\",\"definition\"}]}.",
       true, CmdSchema,
       kInFleet},
      {"fleet", "--targets FILE COMMAND [ARGS]", "Run COMMAND on every database of a targets file (docs/scale.md)",
       "COMMAND is one of status, version, validate, plan, verify, history, schema, datasum, up,\n"
       "up-by-one, up-to, down, down-to, redo, resume; each target runs it as its own gander (own lock,\n"
       "retries, audit snapshot files in SNAPSHOT_DIR/<target>/ with --snapshot-dir), DRIVER and DBSTRING coming from the file.\n"
       "  --targets FILE          the targets file (env GANDER_TARGETS)\n"
       "  --select key=glob,...   only targets whose labels (or name=) match; repeat to narrow\n"
       "  --parallel K            run K targets at a time (default 1)\n"
       "  --canary N              run the first N targets first; if one fails, start no other\n"
       "  --max-failures M        open the circuit breaker after M failed targets: start no more\n"
       "  --max-failure-rate P    open it once more than P% of the selected targets failed\n"
       "  --fleet-state FILE      where the breaker is kept between runs (default: the targets file\n"
       "                          with .json replaced by .state.json);\n"
       "                          after an open breaker the next run probes the first failed target alone\n"
       "Other flags (--expect-version, --steps, --lock-timeout, ...) apply to every target; the file's\n"
       "deadlines override the timeouts per label. Prints a table (or --json) and exits 1 if any target\n"
       "failed or was not started. Ctrl-C starts no more targets and lets running ones finish.\n"
       "A rollback (down, down-to, redo) over a fleet needs --yes, or yes typed on a terminal.",
       false, CmdFleet},
  };
  return commands;
}

const CommandInfo* FindCommand(const std::string& name) {
  for (const CommandInfo& c : Commands()) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string GeneralHelp() {
  std::string text =
      "Usage: gander [flags] DRIVER DBSTRING COMMAND [args]\n"
      "       gander [flags] COMMAND [args]     (DRIVER and DBSTRING from GANDER_*/GOOSE_* env or .env)\n"
      "\n"
      "Drivers: sqlite3 (sqlite), postgres (pgx, postgresql), mysql (mariadb)\n"
      "\n"
      "Examples:\n"
      "  gander -dir migrations sqlite3 ./app.db status\n"
      "  gander -dir migrations postgres 'postgres://user:pass@localhost:5432/app?sslmode=disable' up\n"
      "  gander -dir migrations mysql 'user:pass@tcp(localhost:3306)/app' down --steps 2\n"
      "\n"
      "Flags:\n" +
      FlagsHelp() +
      "\n"
      "Environment (gander env shows each setting's value and source):\n" +
      EnvironmentHelp() +
      "\n"
      "Commands:\n";
  for (const CommandInfo& c : Commands()) {
    std::string name = std::string(c.name) + (*c.usage ? std::string(" ") + c.usage : "");
    name.resize(std::max<size_t>(name.size() + 1, 24), ' ');
    text += "  " + name + c.summary + "\n";
  }
  text += "\nExit codes: 0 ok, 1 migration or database error, 2 usage or input error,\n"
          "3 refused by a safety check, 4 lock not acquired in time.\n";
  return text;
}

std::string CommandHelp(const CommandInfo& c) {
  // DRIVER DBSTRING for commands that use a database; optional for one that
  // needs none but runs in a fleet, which gives every target's (validate).
  std::string target = c.needs_database ? "DRIVER DBSTRING " : c.Has(kInFleet) ? "[DRIVER DBSTRING] " : "";
  std::string usage = "Usage: gander [flags] " + target;
  std::string text = usage + c.name +
                     (*c.usage ? std::string(" ") + c.usage : "") + "\n\n" + c.summary + ".\n";
  if (*c.details) text += "\n" + std::string(c.details) + "\n";
  return text;
}

}  // namespace gander
