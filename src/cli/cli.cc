#include "cli/cli.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <sstream>

#include "app/migration_files.h"
#include "app/real_env.h"
#include "app/stop_signals.h"
#include "cli/change.h"
#include "cli/command_line.h"
#include "cli/command_table.h"
#include "cli/did_you_mean.h"
#include "cli/project_file.h"
#include "cli/settings_table.h"
#include "core/dotenv.h"
#include "core/settings.h"
#include "db/connection.h"
#include "db/engine_registry.h"
#include "db/scrubbing_connection.h"
#include "db/dsn.h"
#include "db/dsn_migrate.h"
#include "gander_version.h"

namespace gander {
namespace {

// Reads ./.env if present, or the file -env names (which must exist;
// "none": no file, as goose); the real environment wins over it.
Status ReadDotenv(const std::string& flag, const Output& out, std::map<std::string, std::string>* values) {
  if (flag == "none") return Status::OK();
  std::string path = flag.empty() ? ".env" : flag;
  std::string text;
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    return flag.empty() ? Status::OK() : Status::Invalid("env file not found (-env)").At(path);
  }
  if (!ReadWholeFile(path, &text).ok()) return Status::OK();
  Status st = ParseDotenv(text, values);
  if (!st.ok()) out.Notice("ignoring " + path + ": " + st.ToString());
  // A DSN with a password in a file others can read is a leak waiting to
  // happen; one without (a SQLite path, peer authentication) is no secret.
  bool holds_secret = false;
  for (const char* key : {"GANDER_DBSTRING", "GOOSE_DBSTRING"}) {
    auto it = values->find(key);
    if (it != values->end() && RedactDsn(it->second) != it->second) holds_secret = true;
  }
  if (holds_secret && (info.st_mode & 077) != 0) {
    std::string warning = "warning: .env holds a DBSTRING with a password and is readable by others";
    if (!flag.empty()) warning.replace(warning.find(".env"), 4, path);  // -env FILE
    out.Notice(warning + " (mode " +
               std::to_string((info.st_mode >> 6) & 7) + std::to_string((info.st_mode >> 3) & 7) +
               std::to_string(info.st_mode & 7) + "); run: chmod 600 " + path);
  }
  return Status::OK();
}

// Settings read below the CLI from the process environment (GANDER_ACTOR,
// ...): a value from .env is exported there, so that they see what `gander
// env` shows. The real environment is never overwritten.
void ExportDotenvSettings(const Invocation& inv) {
  for (const SettingRow& row : SettingRows()) {
    if (row.set != nullptr || row.kind != FlagKind::kNone) continue;
    auto it = inv.settings.find(row.name);
    if (it != inv.settings.end() && it->second.source.rfind(".env ", 0) == 0) {
      setenv(it->second.source.substr(5).c_str(), it->second.value.c_str(), 0);
    }
  }
}

// goose's -certfile / -ssl-cert / -ssl-key set up TLS for MySQL only. gander
// cannot do that from flags yet; connecting without the TLS the user asked
// for would be worse than refusing, so a MySQL run refuses and any other
// driver ignores them, as goose does.
Status CheckGooseTlsFlags(const Invocation& inv, const Output& out) {
  if (inv.driver == "mysql") {
    return Status::Invalid("-certfile, -ssl-cert and -ssl-key are not supported for MySQL yet; refusing to connect "
                           "without the TLS they ask for (docs/commands.md)");
  }
  out.Notice("-certfile, -ssl-cert and -ssl-key apply to MySQL only (as in goose): ignored");
  return Status::OK();
}

std::string FormatSeconds(double seconds) {
  std::ostringstream text;
  text << seconds << " s";
  return text.str();
}

// golang-migrate's x- parameters in the DSN (db/dsn_migrate.h): its
// migrations table names the table adopted from, its statement timeout is
// --statement-timeout's (the flag wins), the rest are -v notices.
Status ApplyMigrateSettings(Invocation* inv, const Output& out) {
  MigrateSettings settings;
  GANDER_RETURN_IF_ERROR(MigrateSettingsFor(inv->driver, inv->dbstring, &settings));
  if (!settings.migrations_table.empty()) {
    inv->adopt_table = settings.migrations_table;
    out.Verbose("DSN parameter x-migrations-table: golang-migrate's table is " + settings.migrations_table +
                " (taken over while there is no " + inv->table + ", docs/adopting.md)");
  }
  if (settings.statement_timeout.count() > 0) {
    double seconds = static_cast<double>(settings.statement_timeout.count()) / 1000;
    if (inv->statement_timeout_seconds > 0) {
      out.Verbose("DSN parameter x-statement-timeout ignored: --statement-timeout is given");
    } else {
      inv->statement_timeout_seconds = seconds;
      out.Verbose("DSN parameter x-statement-timeout: each statement may run " + FormatSeconds(seconds) +
                  " (as --statement-timeout)");
    }
  }
  for (const std::string& notice : settings.ignored) out.Verbose(notice);
  return Status::OK();
}

// Checks across settings, once all are read.
Status CheckInvocation(Invocation* inv) {
  GANDER_RETURN_IF_ERROR(ValidateRetryPolicy(inv->retry));
  if (inv->goose_timeout_seconds > 0) {
    if (inv->migration_timeout_seconds > 0) {
      return Status::Invalid("-timeout and --migration-timeout both given: -timeout is goose's name for it; use one");
    }
    inv->migration_timeout_seconds = inv->goose_timeout_seconds;
  }
  return Status::OK();
}

}  // namespace

int RunCli(const std::vector<std::string>& raw_args) {
  CommandLine line;
  Status st = ParseCommandLine(raw_args, &line);
  // A switch given as `--json=false` is given, and off.
  auto given = [&line](const char* name) {
    auto it = line.given.find(name);
    return it != line.given.end() && it->second == "true";
  };
  Output out(given("json"), given("verbose"));
  if (!given("no_color")) out.EnableColorIfTerminal();
  for (const std::string& arg : raw_args) out.AddSecrets(ScrubberFor("", arg));  // a DSN anywhere in argv
  if (!st.ok()) return out.Error("usage", st.Prepend("see gander --help"));
  if (given("version")) {
    out.Line("gander version " GANDER_VERSION);
    out.Json({{"command", "--version"}, {"version", GANDER_VERSION}});
    return 0;
  }
  bool help = given("help");
  bool dry_run = given("dry_run");

  // DRIVER DBSTRING COMMAND, or COMMAND alone with the rest from env/.env.
  const std::vector<std::string>& pos = line.positionals;
  auto is_command = [](const std::string& word) { return word == "plan" || FindCommand(word) != nullptr; };
  size_t command_at = (!pos.empty() && is_command(pos[0])) ? 0 : 2;
  if (help && (pos.size() <= command_at || !is_command(pos[command_at]))) {
    std::fputs(GeneralHelp().c_str(), stdout);
    return 0;
  }
  if (pos.size() <= command_at || !is_command(pos[command_at])) return out.Error("usage", CommandWordError(pos));
  // `plan [COMMAND [ARGS]]` is `COMMAND --dry-run` (default: up).
  std::vector<std::string> positionals = pos;
  if (positionals[command_at] == "plan") {
    if (help && positionals.size() == command_at + 1) {
      std::fputs("Usage: gander [flags] DRIVER DBSTRING plan [COMMAND [ARGS]]\n\n"
                 "Print what COMMAND (default up) would run: per migration the direction, version, file and every\n"
                 "statement exactly as it would be sent, and the versions before and after. Nothing is written,\n"
                 "not even the tracking table. The same as COMMAND --dry-run; --json gives it as data.\n",
                 stdout);
      return 0;
    }
    positionals.erase(positionals.begin() + static_cast<long>(command_at));
    if (positionals.size() <= command_at) positionals.push_back("up");
    dry_run = true;
    line.given["dry_run"] = "true";
  }
  const CommandInfo* command = FindCommand(positionals[command_at]);
  if (command == nullptr) {
    return out.Error("usage", CommandWordError({positionals[command_at]}));
  }
  if (help) {
    std::fputs(CommandHelp(*command).c_str(), stdout);
    return 0;
  }
  // A dry run must never change anything: commands that cannot show a plan
  // instead of acting refuse it rather than ignore it.
  if (dry_run && command->Has(kChangesDatabase) && !command->Has(kDryRun)) {
    return out.Error(command->name, Status::Invalid(std::string("has no dry run (plan / --dry-run): it would ") +
                                                    "change the database; see gander " + command->name + " --help"));
  }

  if (command_at == 2) {
    line.given["driver"] = pos[0];
    line.given["dbstring"] = pos[1];
  }
  SettingInputs inputs;
  inputs.env = TableEnvironment();
  auto env_file = line.given.find("env_file");
  st = ReadDotenv(env_file == line.given.end() ? "" : env_file->second, out, &inputs.dotenv);
  if (!st.ok()) return out.Error(command->name, st);
  auto config_flag = line.given.find("config");
  ResolvedSetting config = ResolveSetting("config", FindSetting("config")->sources,
                                          config_flag == line.given.end() ? nullptr : &config_flag->second,
                                          inputs.env, inputs.dotenv, {}, "");
  st = ReadProjectFile(config.value, &inputs.project, &inputs.project_file);
  if (!st.ok()) return out.Error(command->name, st);

  Invocation inv;
  inv.command = command->name;
  inv.args.assign(positionals.begin() + static_cast<long>(command_at) + 1, positionals.end());
  st = ApplySettings(line, inputs, &inv);
  if (st.ok()) st = CheckInvocation(&inv);
  if (!st.ok()) return out.Error("usage", st.Prepend("see gander --help"));
  RealEnv env(static_cast<uint64_t>(inv.max_file_mb * (1 << 20)));  // --max-file-mb caps every file read
  inv.env = &env;
  ExportDotenvSettings(inv);
  inv.interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
  inv.argv = raw_args;
  inv.config = config_flag == line.given.end() ? "" : config_flag->second;  // passed on to fleet targets
  inv.project_file = inputs.project_file;
  if (inv.goose_timeout_seconds > 0) {
    out.Notice("-timeout: each migration may run " + FormatSeconds(inv.goose_timeout_seconds) +
               " (as --migration-timeout; goose bounds the whole run)");
  }

  std::string driver = inv.driver;
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
    st = ApplyMigrateSettings(&inv, out);
    if (!st.ok()) return out.Error(inv.command, st);
  } else {
    inv.driver.clear();  // a DRIVER without DBSTRING names no database to use
  }
  if (!inv.certfile.empty() || !inv.ssl_cert.empty() || !inv.ssl_key.empty()) {
    st = CheckGooseTlsFlags(inv, out);
    if (!st.ok()) return out.Error(inv.command, st);
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
