#include "cli/cli.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <set>

#include <CLI/CLI.hpp>

#include "app/migration_files.h"
#include "app/real_env.h"
#include "app/stop_signals.h"
#include "cli/argv.h"
#include "cli/change.h"
#include "cli/command_table.h"
#include "cli/did_you_mean.h"
#include "cli/project_file.h"
#include "core/dotenv.h"
#include "core/settings.h"
#include "db/connection.h"
#include "db/engine_registry.h"
#include "db/scrubbing_connection.h"
#include "db/dsn.h"
#include "gander_version.h"

namespace gander {
namespace {

// Flags given as goose spells them (`-dir`), rewritten to `--dir` for CLI11.
const std::set<std::string> kLongFlags = {"dir", "table", "allow-missing", "no-versioning", "json", "yes",
                                          "steps", "lock-timeout", "version", "help", "dry-run",
                                          "expect-version", "allow-drift", "atomic", "max-retries",
                                          "retry-base-delay", "retry-multiplier", "retry-jitter",
                                          "statement-timeout", "snapshot-dir", "since", "direction", "allow-nonempty",
                                          "data", "from", "only-new", "in-flight", "config",
                                          "metrics-file", "migration-timeout", "targets", "select", "parallel",
                                          "canary", "max-failures", "max-failure-rate", "fleet-state",
                                          "engine", "format", "strict", "no-lint", "allow-no-down",
                                          "max-file-mb", "allow-unsafe-force"};

// A number from GANDER_<NAME> as the default of a flag.
template <typename T>
T EnvNumber(const char* name, T fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  double value = std::strtod(text, &end);
  return *end == '\0' ? static_cast<T>(value) : fallback;
}

struct Flags {
  std::string dir, table, snapshot_dir, since, direction, in_flight, config, metrics_file;
  bool allow_missing = false, no_versioning = false, verbose = false, sequential = false;
  bool json = false, yes = false, help = false, version = false;
  bool allow_unsafe_force = false;
  bool dry_run = false, allow_drift = false, atomic = false, allow_nonempty = false, data = false;
  long long from = -1, only_new = -1;
  long long expect_version = -1;
  long long steps = 1;
  double lock_timeout = 60;
  double statement_timeout = EnvNumber("GANDER_STATEMENT_TIMEOUT", 0.0);
  double migration_timeout = EnvNumber("GANDER_MIGRATION_TIMEOUT", 0.0);
  int max_retries = EnvNumber("GANDER_MAX_RETRIES", 5);
  long long retry_base_delay_ms = EnvNumber("GANDER_RETRY_BASE_DELAY_MS", 100LL);
  double retry_multiplier = EnvNumber("GANDER_RETRY_MULTIPLIER", 2.0);
  double retry_jitter = EnvNumber("GANDER_RETRY_JITTER", 0.2);
  std::vector<std::string> positionals;
  std::string targets, fleet_state;
  std::vector<std::string> select;
  long long parallel = 1, canary = 0, max_failures = -1;
  double max_failure_rate = -1;
  std::string lint_engine, lint_format;  // lint
  bool lint_strict = false;
  bool no_lint = false, allow_no_down = false;  // up/down pre-flight
  double max_file_mb = EnvNumber("GANDER_MAX_FILE_MB", static_cast<double>(kDefaultMaxFileBytes >> 20));
};

Status ParseFlags(const std::vector<std::string>& args, Flags* flags, CLI::App* app) {
  app->set_help_flag();
  app->add_flag("-h,--help", flags->help);
  app->add_flag("--version", flags->version);
  app->add_option("--dir", flags->dir);
  app->add_option("--table", flags->table);
  app->add_option("--snapshot-dir", flags->snapshot_dir);
  app->add_option("--since", flags->since);
  app->add_option("--config", flags->config);
  app->add_option("--metrics-file", flags->metrics_file);
  app->add_option("--direction", flags->direction);
  app->add_flag("--allow-nonempty", flags->allow_nonempty);
  app->add_option("--in-flight", flags->in_flight)->check(CLI::IsMember({"done", "redo"}));
  app->add_flag("--data", flags->data);
  app->add_option("--from", flags->from);
  app->add_option("--only-new", flags->only_new);
  app->add_flag("--allow-missing", flags->allow_missing);
  app->add_flag("--no-versioning", flags->no_versioning);
  app->add_flag("-v", flags->verbose);
  app->add_flag("-s", flags->sequential);
  app->add_flag("--json", flags->json);
  app->add_flag("--yes", flags->yes);
  app->add_option("--steps", flags->steps);
  app->add_option("--lock-timeout", flags->lock_timeout);
  app->add_flag("--dry-run", flags->dry_run);
  app->add_option("--expect-version", flags->expect_version);
  app->add_flag("--allow-drift", flags->allow_drift);
  app->add_flag("--allow-unsafe-force", flags->allow_unsafe_force);
  app->add_flag("--atomic", flags->atomic);
  app->add_option("--max-retries", flags->max_retries);
  app->add_option("--statement-timeout", flags->statement_timeout);
  app->add_option("--migration-timeout", flags->migration_timeout);
  app->add_option("--retry-base-delay", flags->retry_base_delay_ms);
  app->add_option("--retry-multiplier", flags->retry_multiplier);
  app->add_option("--retry-jitter", flags->retry_jitter);
  app->add_option("--targets", flags->targets);
  app->add_option("--select", flags->select)->allow_extra_args(false);  // one value per --select
  app->add_option("--parallel", flags->parallel);
  app->add_option("--canary", flags->canary);
  app->add_option("--max-failures", flags->max_failures);
  app->add_option("--max-failure-rate", flags->max_failure_rate);
  app->add_option("--fleet-state", flags->fleet_state);
  app->add_option("--engine", flags->lint_engine);
  app->add_option("--format", flags->lint_format);
  app->add_flag("--strict", flags->lint_strict);
  app->add_flag("--no-lint", flags->no_lint);
  app->add_flag("--allow-no-down", flags->allow_no_down);
  app->add_option("--max-file-mb", flags->max_file_mb);
  app->add_option("args", flags->positionals);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app->parse(reversed);
  } catch (const CLI::ParseError& e) {
    return Status::Invalid(e.what());
  }
  if (flags->lock_timeout < 0) return Status::Invalid("--lock-timeout must be zero or more seconds");
  if (flags->statement_timeout < 0) return Status::Invalid("--statement-timeout must be zero or more seconds");
  if (flags->migration_timeout < 0) return Status::Invalid("--migration-timeout must be zero or more seconds");
  if (!(flags->max_file_mb > 0 && flags->max_file_mb <= 1 << 20)) {
    return Status::Invalid("--max-file-mb must be more than 0 and at most 1048576 (MiB)");
  }
  RetryPolicy policy{flags->max_retries, std::chrono::milliseconds(flags->retry_base_delay_ms),
                     flags->retry_multiplier, flags->retry_jitter};
  GANDER_RETURN_IF_ERROR(ValidateRetryPolicy(policy));
  if (flags->parallel < 1) return Status::Invalid("--parallel must be 1 or more");
  if (flags->canary < 0) return Status::Invalid("--canary must be 0 or more targets");
  if (app->count("--max-failures") && flags->max_failures < 1) return Status::Invalid("--max-failures must be 1 or more");
  if (app->count("--max-failure-rate") && (flags->max_failure_rate < 0 || flags->max_failure_rate > 100)) {
    return Status::Invalid("--max-failure-rate must be a percentage from 0 to 100");
  }
  if (app->count("--expect-version") && flags->expect_version < 0) {
    return Status::Invalid("--expect-version must be a version number (0 or more)");
  }
  return Status::OK();
}

// Reads ./.env if present; the real environment wins over it.
std::map<std::string, std::string> ReadDotenv(const Output& out) {
  std::map<std::string, std::string> values;
  std::string text;
  struct stat info;
  if (stat(".env", &info) != 0 || !ReadWholeFile(".env", &text).ok()) return values;
  Status st = ParseDotenv(text, &values);
  if (!st.ok()) out.Notice("ignoring .env: " + st.ToString());
  // A DSN with a password in a file others can read is a leak waiting to
  // happen; one without (a SQLite path, peer authentication) is no secret.
  bool holds_secret = false;
  for (const char* key : {"GANDER_DBSTRING", "GOOSE_DBSTRING"}) {
    auto it = values.find(key);
    if (it != values.end() && RedactDsn(it->second) != it->second) holds_secret = true;
  }
  if (holds_secret && (info.st_mode & 077) != 0) {
    out.Notice("warning: .env holds a DBSTRING with a password and is readable by others (mode " +
               std::to_string((info.st_mode >> 6) & 7) + std::to_string((info.st_mode >> 3) & 7) +
               std::to_string(info.st_mode & 7) + "); run: chmod 600 .env");
  }
  return values;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (const char* name : {"GOOSE_DRIVER", "GOOSE_DBSTRING", "GOOSE_MIGRATION_DIR", "GOOSE_TABLE",
                           "GANDER_DRIVER", "GANDER_DBSTRING", "GANDER_MIGRATION_DIR", "GANDER_TABLE",
                           "GANDER_SNAPSHOT_DIR"}) {
    if (const char* value = std::getenv(name)) env[name] = value;
  }
  return env;
}

}  // namespace

int RunCli(const std::vector<std::string>& raw_args) {
  std::vector<std::string> args = NormalizeArgs(raw_args, kLongFlags);
  Flags flags;
  CLI::App app("gander");
  Status st = ParseFlags(args, &flags, &app);
  Output out(flags.json, flags.verbose);
  for (const std::string& arg : raw_args) out.AddSecrets(ScrubberFor("", arg));  // a DSN anywhere in argv
  out.EnableColorIfTerminal();
  if (!st.ok()) return out.Error("usage", st.Prepend("see gander --help"));
  if (flags.version) {
    out.Line("gander version " GANDER_VERSION);
    out.Json({{"command", "--version"}, {"version", GANDER_VERSION}});
    return 0;
  }

  // DRIVER DBSTRING COMMAND, or COMMAND alone with the rest from env/.env.
  const std::vector<std::string>& pos = flags.positionals;
  auto is_command = [](const std::string& word) { return word == "plan" || FindCommand(word) != nullptr; };
  size_t command_at = (!pos.empty() && is_command(pos[0])) ? 0 : 2;
  if (flags.help && (pos.size() <= command_at || !is_command(pos[command_at]))) {
    std::fputs(GeneralHelp().c_str(), stdout);
    return 0;
  }
  if (pos.size() <= command_at || !is_command(pos[command_at])) return out.Error("usage", CommandWordError(pos));
  // `plan [COMMAND [ARGS]]` is `COMMAND --dry-run` (default: up).
  std::vector<std::string> positionals = pos;
  if (positionals[command_at] == "plan") {
    if (flags.help && positionals.size() == command_at + 1) {
      std::fputs("Usage: gander [flags] DRIVER DBSTRING plan [COMMAND [ARGS]]\n\n"
                 "Print what COMMAND (default up) would run: per migration the direction, version, file and every\n"
                 "statement exactly as it would be sent, and the versions before and after. Nothing is written,\n"
                 "not even the tracking table. The same as COMMAND --dry-run; --json gives it as data.\n",
                 stdout);
      return 0;
    }
    positionals.erase(positionals.begin() + static_cast<long>(command_at));
    if (positionals.size() <= command_at) positionals.push_back("up");
    flags.dry_run = true;
  }
  const CommandInfo* command = FindCommand(positionals[command_at]);
  if (command == nullptr) {
    return out.Error("usage", CommandWordError({positionals[command_at]}));
  }
  if (flags.help) {
    std::fputs(CommandHelp(*command).c_str(), stdout);
    return 0;
  }
  // A dry run must never change anything: commands that cannot show a plan
  // instead of acting refuse it rather than ignore it.
  for (const char* acting : {"resume", "force", "repair", "verify"}) {
    if (flags.dry_run && command->name == std::string(acting)) {
      return out.Error(command->name, Status::Invalid(std::string("has no dry run (plan / --dry-run): it would ") +
                                                      "change the database; see gander " + acting + " --help"));
    }
  }

  std::map<std::string, std::string> given;
  if (command_at == 2) {
    given["driver"] = pos[0];
    given["dbstring"] = pos[1];
  }
  if (app.count("--dir")) given["dir"] = flags.dir;
  if (app.count("--table")) given["table"] = flags.table;
  if (app.count("--snapshot-dir")) given["snapshot_dir"] = flags.snapshot_dir;
  std::string config = flags.config;
  if (config.empty() && std::getenv("GANDER_CONFIG")) config = std::getenv("GANDER_CONFIG");
  std::map<std::string, std::string> project;
  std::string project_file;
  st = ReadProjectFile(config, &project, &project_file);
  if (!st.ok()) return out.Error(command->name, st);
  std::map<std::string, std::string> dotenv = ReadDotenv(out);
  std::map<std::string, ResolvedSetting> settings =
      ResolveSettings(given, ProcessEnvironment(), dotenv, project, project_file);
  // A flag, else the environment, else .env.
  auto from_env = [&](const std::string& flag, const char* name) {
    if (!flag.empty()) return flag;
    if (const char* value = std::getenv(name)) return std::string(value);
    auto it = dotenv.find(name);
    return it == dotenv.end() ? std::string() : it->second;
  };

  RealEnv env(static_cast<uint64_t>(flags.max_file_mb * (1 << 20)));
  Invocation inv;
  inv.env = &env;
  inv.command = command->name;
  inv.args.assign(positionals.begin() + static_cast<long>(command_at) + 1, positionals.end());
  inv.dir = settings["dir"].value;
  inv.table = settings["table"].value;
  inv.dbstring = settings["dbstring"].value;
  inv.snapshot_dir = settings["snapshot_dir"].value;
  inv.settings = settings;
  inv.metrics_file = from_env(flags.metrics_file, "GANDER_METRICS_FILE");
  inv.since = flags.since;
  inv.direction = flags.direction;
  inv.allow_nonempty = flags.allow_nonempty;
  inv.in_flight = flags.in_flight;
  inv.verify_data = flags.data;
  if (flags.only_new >= 0) inv.verify_base = flags.only_new;
  if (flags.from >= 0) inv.verify_base = flags.from - 1;
  if (inv.snapshot_dir.empty()) inv.snapshot_dir = JoinPath(inv.dir, ".gander/snapshots");
  inv.allow_missing = flags.allow_missing;
  inv.no_versioning = flags.no_versioning;
  inv.sequential = flags.sequential;
  inv.yes = flags.yes;
  inv.steps = flags.steps;
  inv.steps_given = app.count("--steps") > 0;
  inv.lock_timeout_seconds = flags.lock_timeout;
  inv.dry_run = flags.dry_run;
  inv.expect_version = flags.expect_version;
  inv.allow_drift = flags.allow_drift;
  inv.allow_unsafe_force = flags.allow_unsafe_force;
  inv.atomic = flags.atomic;
  inv.statement_timeout_seconds = flags.statement_timeout;
  inv.migration_timeout_seconds = flags.migration_timeout;
  inv.retry = {flags.max_retries, std::chrono::milliseconds(flags.retry_base_delay_ms), flags.retry_multiplier,
               flags.retry_jitter};
  inv.interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
  if (const char* yes = std::getenv("GANDER_YES")) inv.yes = inv.yes || IsYes(yes);
  inv.argv = raw_args;
  inv.config = flags.config;
  inv.targets_file = from_env(flags.targets, "GANDER_TARGETS");
  inv.select = flags.select;
  inv.parallel = static_cast<size_t>(flags.parallel);
  inv.canary = static_cast<size_t>(flags.canary);
  if (flags.max_failures > 0) inv.max_failures = static_cast<size_t>(flags.max_failures);
  if (app.count("--max-failure-rate")) inv.max_failure_rate = flags.max_failure_rate;
  inv.fleet_state = flags.fleet_state;
  inv.lint_engine = flags.lint_engine;
  inv.lint_format = flags.lint_format;
  inv.lint_strict = flags.lint_strict;
  inv.no_lint = flags.no_lint || from_env("", "GANDER_NO_LINT") == "1";
  inv.allow_no_down = flags.allow_no_down;

  const std::string& driver = settings["driver"].value;
  out.AddSecrets(ScrubberFor(driver, inv.dbstring));  // also from the environment, .env or gander.json
  if (command->needs_database || (!driver.empty() && !inv.dbstring.empty())) {
    if (driver.empty() || inv.dbstring.empty()) {
      return out.Error(inv.command, Status::Invalid("needs DRIVER and DBSTRING: gander [flags] DRIVER DBSTRING " +
                                                    inv.command + " (or GOOSE_DRIVER/GOOSE_DBSTRING)"));
    }
    std::optional<std::string> canonical = CanonicalDriver(driver);
    if (!canonical) {
      return out.Error(inv.command, Status::Invalid("unknown driver \"" + driver +
                                                    "\" (use sqlite3, postgres or mysql)"));
    }
    inv.driver = *canonical;
    for (const std::string& key : IgnoredDsnParameters(inv.driver, inv.dbstring)) {
      out.Verbose("DSN parameter " + key + " ignored: it configures pgx (goose's driver), not libpq");
    }
  }
  // main() catches what a library throws too, but knows only argv's secrets;
  // here `out` knows the DSN from wherever it came.
  int code = 1;
  try {
    code = command->run(inv, out);
  } catch (const std::exception& e) {
    out.Notice(std::string("internal error: ") + e.what());
    return 1;
  }
  // Stopped by SIGTERM / SIGINT at a safe point: the shell's convention, 128 + the signal.
  if (int signal = code != 0 ? StopSignalReceived() : 0) return 128 + signal;
  return code;
}

}  // namespace gander
