#include "cli/settings_table.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <utility>

#include "cli/change.h"
#include "core/duration.h"
#include "core/version_arg.h"

namespace gander {
namespace {

// Setters by type: `Text<&Invocation::dir>` stores the text as it is, the
// others parse it first. Their messages read after the setting's origin.
template <auto Field>
Status Text(const std::string& value, Invocation* inv) {
  inv->*Field = value;
  return Status::OK();
}

template <auto Field>
Status Switch(const std::string& value, Invocation* inv) {
  bool on = false;
  GANDER_RETURN_IF_ERROR(ParseSwitch(value, &on));
  inv->*Field = on;
  return Status::OK();
}

Status ParseWhole(const std::string& text, long long* value) {
  errno = 0;
  char* end = nullptr;
  *value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0) {
    return Status::Invalid("must be a whole number (not \"" + text + "\")");
  }
  return Status::OK();
}

Status ParseNumber(const std::string& text, double* value) {
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(*value)) {
    return Status::Invalid("must be a number (not \"" + text + "\")");
  }
  return Status::OK();
}

template <auto Field>
Status Whole(const std::string& value, Invocation* inv) {
  long long n = 0;
  GANDER_RETURN_IF_ERROR(ParseWhole(value, &n));
  inv->*Field = n;
  return Status::OK();
}

// Seconds, zero or more.
template <auto Field>
Status Seconds(const std::string& value, Invocation* inv) {
  double n = 0;
  GANDER_RETURN_IF_ERROR(ParseNumber(value, &n));
  if (n < 0) return Status::Invalid("must be zero or more seconds");
  inv->*Field = n;
  return Status::OK();
}

// A count of at least `min`.
template <auto Field, long long min>
Status Count(const std::string& value, Invocation* inv) {
  long long n = 0;
  GANDER_RETURN_IF_ERROR(ParseWhole(value, &n));
  if (n < min) return Status::Invalid("must be " + std::to_string(min) + " or more");
  inv->*Field = static_cast<size_t>(n);
  return Status::OK();
}

Status SetSteps(const std::string& value, Invocation* inv) {
  GANDER_RETURN_IF_ERROR(ParseWhole(value, &inv->steps));
  inv->steps_given = true;
  return Status::OK();
}

// --expect-version V, --only-new BASE, --from V: read as every version
// argument is (core/version_arg.h), so "-1", "+5" and "0x10" are refused alike.
Status ParseVersionValue(const std::string& value, long long* version) {
  int64_t parsed = 0;
  Status st = ParseVersionArgument(value, &parsed);
  if (!st.ok()) return Status::Invalid("is " + st.message());
  *version = parsed;
  return Status::OK();
}

Status SetExpectVersion(const std::string& value, Invocation* inv) {
  return ParseVersionValue(value, &inv->expect_version);
}

Status SetOnlyNew(const std::string& value, Invocation* inv) { return ParseVersionValue(value, &inv->verify_base); }

Status SetFrom(const std::string& value, Invocation* inv) {  // --from V verifies V on: applies up to V-1
  long long from = 0;
  GANDER_RETURN_IF_ERROR(ParseVersionValue(value, &from));
  inv->verify_base = from - 1;
  return Status::OK();
}

Status SetInFlight(const std::string& value, Invocation* inv) {
  if (value != "done" && value != "redo") return Status::Invalid("must be done or redo");
  inv->in_flight = value;
  return Status::OK();
}

Status SetMaxRetries(const std::string& value, Invocation* inv) {
  long long n = 0;
  GANDER_RETURN_IF_ERROR(ParseWhole(value, &n));
  inv->retry.max_retries = static_cast<int>(n);
  return Status::OK();
}

Status SetRetryBaseDelay(const std::string& value, Invocation* inv) {
  long long ms = 0;
  GANDER_RETURN_IF_ERROR(ParseWhole(value, &ms));
  inv->retry.base_delay = std::chrono::milliseconds(ms);
  return Status::OK();
}

Status SetRetryMultiplier(const std::string& value, Invocation* inv) {
  return ParseNumber(value, &inv->retry.multiplier);
}

Status SetRetryJitter(const std::string& value, Invocation* inv) { return ParseNumber(value, &inv->retry.jitter); }

Status SetMaxFailures(const std::string& value, Invocation* inv) {
  long long n = 0;
  GANDER_RETURN_IF_ERROR(ParseWhole(value, &n));
  if (n < 1) return Status::Invalid("must be 1 or more");
  inv->max_failures = static_cast<size_t>(n);
  return Status::OK();
}

Status SetMaxFailureRate(const std::string& value, Invocation* inv) {
  double rate = 0;
  GANDER_RETURN_IF_ERROR(ParseNumber(value, &rate));
  if (rate < 0 || rate > 100) return Status::Invalid("must be a percentage from 0 to 100");
  inv->max_failure_rate = rate;
  return Status::OK();
}

Status SetSelect(const std::string& value, Invocation* inv) {  // one --select per line
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find('\n', start);
    if (end == std::string::npos) end = value.size();
    inv->select.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  return Status::OK();
}

Status SetMaxFileMb(const std::string& value, Invocation* inv) {
  double mb = 0;
  GANDER_RETURN_IF_ERROR(ParseNumber(value, &mb));
  if (!(mb > 0 && mb <= 1 << 20)) return Status::Invalid("must be more than 0 and at most 1048576 (MiB)");
  inv->max_file_mb = mb;
  return Status::OK();
}

// GANDER_YES (and --yes): what a typed answer accepts (IsYes: y, yes, 1,
// true) or any other switch spelling (on, 0, no...); anything else is an error.
Status SetYes(const std::string& value, Invocation* inv) {
  if (IsYes(value)) {
    inv->yes = true;
    return Status::OK();
  }
  return ParseSwitch(value, &inv->yes);
}

Status SetGooseTimeout(const std::string& value, Invocation* inv) {
  return ParseDuration(value, &inv->goose_timeout_seconds);
}

constexpr FlagKind kNone = FlagKind::kNone, kSwitch = FlagKind::kSwitch, kValue = FlagKind::kValue,
                   kRepeated = FlagKind::kRepeated;

SettingSources Var(const char* variable, const char* fallback = "", bool project = false) {
  return {variable, "", project, fallback};
}
SettingSources Project(const char* variable, const char* fallback = "") { return Var(variable, fallback, true); }

}  // namespace

const std::vector<SettingRow>& SettingRows() {
  using I = Invocation;
  // One row per setting, kept as a table rather than one field per line.
  // clang-format off
  static const std::vector<SettingRow> rows = {
      // DRIVER and DBSTRING come as the first two positionals (RunCli), else from these.
      {"driver", "", kNone, CoreSettingSources("driver"), "", "DRIVER when not given before DBSTRING",
       Text<&I::driver>},
      {"dbstring", "", kNone, CoreSettingSources("dbstring"), "", "DBSTRING when not given on the command line",
       Text<&I::dbstring>},
      {"dir", "-dir", kValue, CoreSettingSources("dir"), "DIR", "directory with migration files (default \".\")",
       Text<&I::dir>},
      {"table", "-table", kValue, CoreSettingSources("table"), "NAME", "tracking table (default goose_db_version)",
       Text<&I::table>},
      {"allow_missing", "-allow-missing", kSwitch, {}, "", "apply missing (out-of-order) migrations",
       Switch<&I::allow_missing>},
      {"no_versioning", "-no-versioning", kSwitch, {}, "",
       "run migrations without reading or writing the tracking table", Switch<&I::no_versioning>},
      {"sequential", "-s", kSwitch, {}, "", "create: sequential version numbers instead of a timestamp",
       Switch<&I::sequential>},
      {"verbose", "-v", kSwitch, {}, "", "verbose: each step on stderr", Switch<&I::verbose>},
      {"json", "--json", kSwitch, {}, "", "one JSON object on stdout per command (errors too)", Switch<&I::json>},
      {"no_color", "-no-color", kSwitch, {}, "", "no colors (also: NO_COLOR set, or not a terminal)",
       Switch<&I::no_color>},
      {"yes", "--yes", kSwitch, Var("GANDER_YES"), "", "answer yes to confirmations", SetYes},
      {"steps", "--steps", kValue, {}, "N", "down: roll back N migrations (default 1)", SetSteps},
      {"dry_run", "--dry-run", kSwitch, {}, "", "print the plan (every statement) and change nothing; also: plan COMMAND",
       Switch<&I::dry_run>},
      {"expect_version", "--expect-version", kValue, {}, "V", "refuse (exit 3) unless the current version is V",
       SetExpectVersion},
      {"allow_drift", "--allow-drift", kSwitch, {}, "", "roll back migrations whose files changed since they were applied",
       Switch<&I::allow_drift>},
      {"atomic", "--atomic", kSwitch, {}, "", "run the whole plan in one transaction (SQLite, PostgreSQL)",
       Switch<&I::atomic>},
      {"snapshot_dir", "--snapshot-dir", kValue, CoreSettingSources("snapshot_dir"), "DIR",
       "also write each audit snapshot as a file in DIR (default: none, the database keeps them)", Text<&I::snapshot_dir>},
      {"since", "--since", kValue, {}, "T", "history: events from UTC time T on (2026-11-01, 2026-11-01T12:00)",
       Text<&I::since>},
      {"direction", "--direction", kValue, {}, "up|down", "history: only events of this direction",
       Text<&I::direction>},
      {"config", "--config", kValue, Var("GANDER_CONFIG"), "FILE", "project settings (default ./gander.json if present)",
       nullptr},
      {"env_file", "-env", kValue, {}, "FILE", "read variables from FILE instead of ./.env (none: no file)", nullptr},
      {"metrics_file", "--metrics-file", kValue, Var("GANDER_METRICS_FILE"), "PATH",
       "Prometheus textfile written after each changing run", Text<&I::metrics_file>},
      {"verify_data", "--data", kSwitch, {}, "", "verify: down+up must also keep every row",
       Switch<&I::verify_data>},
      {"only_new", "--only-new", kValue, {}, "BASE", "verify: apply up to BASE unchecked, verify the newer ones",
       SetOnlyNew},
      {"from", "--from", kValue, {}, "V", "verify (and lint): from version V on", SetFrom},
      {"allow_nonempty", "--allow-nonempty", kSwitch, {}, "", "verify: accept a database that already holds tables",
       Switch<&I::allow_nonempty>},
      {"lock_timeout", "--lock-timeout", kValue, Project("GANDER_LOCK_TIMEOUT", "60"), "SEC",
       "wait this long for another runner's lock (default 60; 0 = fail at once)", Seconds<&I::lock_timeout_seconds>},
      {"statement_timeout", "--statement-timeout", kValue, Project("GANDER_STATEMENT_TIMEOUT", "0"), "SEC",
       "cancel any statement running longer (engine's own setting)", Seconds<&I::statement_timeout_seconds>},
      {"migration_timeout", "--migration-timeout", kValue, Project("GANDER_MIGRATION_TIMEOUT", "0"), "SEC",
       "stop a migration running longer", Seconds<&I::migration_timeout_seconds>},
      {"timeout", "-timeout", kValue, {}, "DURATION",
       "goose's -timeout (1h13m, 90s): taken as --migration-timeout, per migration", SetGooseTimeout},
      {"max_retries", "--max-retries", kValue, Project("GANDER_MAX_RETRIES", "5"), "N",
       "retries of a transient failure (default 5)", SetMaxRetries},
      {"retry_base_delay_ms", "--retry-base-delay", kValue, Project("GANDER_RETRY_BASE_DELAY_MS", "100"), "MS",
       "first retry's delay (default 100)", SetRetryBaseDelay},
      {"retry_multiplier", "--retry-multiplier", kValue, Project("GANDER_RETRY_MULTIPLIER", "2"), "X",
       "each next delay is X times the last (default 2.0)", SetRetryMultiplier},
      {"retry_jitter", "--retry-jitter", kValue, Project("GANDER_RETRY_JITTER", "0.2"), "F",
       "random share of each delay (default 0.2)", SetRetryJitter},
      {"certfile", "-certfile", kValue, {}, "FILE", "goose's MySQL TLS CA file: refused for mysql (see docs), else ignored",
       Text<&I::certfile>},
      {"ssl_cert", "-ssl-cert", kValue, {}, "FILE", "goose's MySQL TLS client certificate: as -certfile",
       Text<&I::ssl_cert>},
      {"ssl_key", "-ssl-key", kValue, {}, "FILE", "goose's MySQL TLS client key: as -certfile", Text<&I::ssl_key>},
      {"no_lint", "--no-lint", kSwitch, Var("GANDER_NO_LINT"), "", "up/down: skip the lint pre-flight (docs/lint.md)",
       Switch<&I::no_lint>},
      {"allow_no_down", "--allow-no-down", kSwitch, {}, "",
       "roll back a migration without a down part by deleting its row, as goose does",
       Switch<&I::allow_no_down>},
      {"allow_unsafe_force", "--allow-unsafe-force", kSwitch, {}, "",
       "force: also a version with no file, already applied, or not the dirty one", Switch<&I::allow_unsafe_force>},
      {"max_file_mb", "--max-file-mb", kValue, Var("GANDER_MAX_FILE_MB", "64"), "MIB",
       "largest file gander reads, in MiB (default 64)", SetMaxFileMb},
      // Flags of one command, documented in its own help.
      {"in_flight", "--in-flight", kValue, {}, "done|redo", "", SetInFlight},
      {"targets", "--targets", kValue, Var("GANDER_TARGETS"), "FILE", "", Text<&I::targets_file>},
      {"select", "--select", kRepeated, {}, "key=glob,...", "", SetSelect},
      {"parallel", "--parallel", kValue, {}, "K", "", Count<&I::parallel, 1>},
      {"canary", "--canary", kValue, {}, "N", "", Count<&I::canary, 0>},
      {"max_failures", "--max-failures", kValue, {}, "M", "", SetMaxFailures},
      {"max_failure_rate", "--max-failure-rate", kValue, {}, "P", "", SetMaxFailureRate},
      {"fleet_state", "--fleet-state", kValue, {}, "FILE", "", Text<&I::fleet_state>},
      {"lint_engine", "--engine", kValue, {}, "E", "", Text<&I::lint_engine>},
      {"lint_format", "--format", kValue, {}, "F", "", Text<&I::lint_format>},
      {"lint_strict", "--strict", kSwitch, {}, "", "", Switch<&I::lint_strict>},
      // Read below the CLI, from the process environment (a .env value is exported there).
      {"actor", "", kNone, Var("GANDER_ACTOR"), "", "who runs it, in the audit trail (default: the OS user)", nullptr},
      {"lock_lease_seconds", "", kNone, Var("GANDER_LOCK_LEASE_SECONDS", "15"), "",
       "Galera: how soon a dead runner's lock lease is taken over (default 15)", nullptr},
      {"driver_dir", "", kNone, Var("GANDER_DRIVER_DIR"), "", "where the PostgreSQL and MySQL driver modules are looked for first",
       nullptr},
      {"version", "--version", kSwitch, {}, "", "print gander's version", Switch<&I::print_version>},
      {"help", "-h,--help", kSwitch, {}, "", "this help; gander COMMAND --help for one command", Switch<&I::help>},
  };
  // clang-format on
  return rows;
}

const SettingRow* FindSetting(const std::string& name) {
  for (const SettingRow& row : SettingRows()) {
    if (name == row.name) return &row;
  }
  return nullptr;
}

std::vector<std::string> FlagNames(const SettingRow& row) {
  std::vector<std::string> names;
  std::string flags = row.flag;
  size_t start = 0;
  while (start < flags.size()) {
    size_t end = flags.find(',', start);
    if (end == std::string::npos) end = flags.size();
    std::string name = flags.substr(start, end - start);
    name.erase(0, name.find_first_not_of('-'));
    names.push_back(name);
    start = end + 1;
  }
  return names;
}

std::vector<std::string> LongFlagNames() {
  std::vector<std::string> names;
  for (const SettingRow& row : SettingRows()) {
    for (const std::string& name : FlagNames(row)) {
      if (name.size() > 1) names.push_back(name);
    }
  }
  return names;
}

namespace {

// "  -dir DIR            help (env GANDER_X, GOOSE_X)"
std::string HelpLine(const std::string& left, const SettingRow& row, size_t width) {
  std::string line = "  " + left;
  line.resize(std::max(line.size() + 2, width), ' ');
  line += row.help;
  if (*row.flag != '\0' && *row.sources.env != '\0') {
    std::string vars = std::string("env ") + row.sources.env +
                       (*row.sources.goose_env ? std::string(", ") + row.sources.goose_env : "");
    bool parenthesis = line.back() == ')';  // "(default 5)" becomes "(default 5; env ...)"
    if (parenthesis) line.pop_back();
    line += (parenthesis ? "; " : " (") + vars + ")";
  }
  return line + "\n";
}

}  // namespace

std::string FlagsHelp() {
  std::string text;
  for (const SettingRow& row : SettingRows()) {
    if (*row.help == '\0' || *row.flag == '\0') continue;
    if (std::string(row.name) == "help") {
      text += "  plan [COMMAND ARGS] print what COMMAND (default up) would run, change nothing\n";
    }
    std::string flag = row.flag;
    if (flag.find(',') != std::string::npos) flag.replace(flag.find(','), 1, ", ");
    text += HelpLine(flag + (*row.value_name ? std::string(" ") + row.value_name : ""), row, 21);
  }
  return text;
}

std::string EnvironmentHelp() {
  std::string text;
  for (const SettingRow& row : SettingRows()) {
    if (*row.sources.env == '\0' || *row.flag != '\0') continue;
    std::string variables = row.sources.env;
    if (*row.sources.goose_env) variables += std::string(", ") + row.sources.goose_env;
    text += HelpLine(variables, row, 36);
  }
  return text;
}

Status ParseSwitch(const std::string& text, bool* value) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "1" || t == "true" || t == "yes" || t == "on") {
    *value = true;
  } else if (t == "0" || t == "false" || t == "no" || t == "off") {
    *value = false;
  } else {
    return Status::Invalid("must be 1 or 0 (true/false, yes/no, on/off), not \"" + text + "\"");
  }
  return Status::OK();
}

}  // namespace gander
