// The settings table: one row per setting drives flags, environment, .env,
// gander.json and `gander env`; resolution order and value checks.
#include "cli/settings_table.h"

#include <doctest/doctest.h>

#include <set>

#include "cli/command_line.h"

using namespace gander;

namespace {

Status Apply(const std::vector<std::string>& args, const SettingInputs& inputs, Invocation* inv) {
  CommandLine line;
  GANDER_RETURN_IF_ERROR(ParseCommandLine(args, &line));
  return ApplySettings(line, inputs, inv);
}

}  // namespace

TEST_CASE("settings table: flag > GANDER_* env > GOOSE_* env > .env > gander.json > default, for every kind") {
  SettingInputs in;
  auto retries = [&](const std::vector<std::string>& args = {}) {
    Invocation inv;
    REQUIRE(Apply(args, in, &inv).ok());
    return std::make_pair(inv.retry.max_retries, inv.settings["max_retries"].source);
  };
  CHECK(retries() == std::make_pair(5, std::string("default")));
  in.project["max_retries"] = "4";
  CHECK(retries() == std::make_pair(4, std::string("gander.json")));
  in.dotenv["GANDER_MAX_RETRIES"] = "3";
  CHECK(retries() == std::make_pair(3, std::string(".env GANDER_MAX_RETRIES")));
  in.env["GANDER_MAX_RETRIES"] = "";  // empty counts as unset, as in goose
  CHECK(retries().first == 3);
  in.env["GANDER_MAX_RETRIES"] = "2";
  CHECK(retries() == std::make_pair(2, std::string("env GANDER_MAX_RETRIES")));
  CHECK(retries({"--max-retries", "1"}) == std::make_pair(1, std::string("flag")));

  // A goose alias sits between GANDER_* in the environment and .env.
  SettingInputs dirs;
  dirs.project["dir"] = "p";
  dirs.dotenv["GOOSE_MIGRATION_DIR"] = "d";
  Invocation inv;
  REQUIRE(Apply({}, dirs, &inv).ok());
  CHECK(inv.dir == "d");
  dirs.env["GOOSE_MIGRATION_DIR"] = "g";
  REQUIRE(Apply({}, dirs, &inv).ok());
  CHECK(inv.dir == "g");
  CHECK(inv.settings["dir"].source == "env GOOSE_MIGRATION_DIR");
  REQUIRE(Apply({"-dir", "f"}, dirs, &inv).ok());
  CHECK(inv.dir == "f");

  // Switches: GANDER_YES=true is --yes now, as is 1.
  for (const char* yes : {"1", "true", "YES", "on"}) {
    SettingInputs y;
    y.env["GANDER_YES"] = yes;
    Invocation i;
    REQUIRE(Apply({}, y, &i).ok());
    CHECK(i.yes);
  }
}

TEST_CASE("settings table: a value that does not parse names where it came from") {
  SettingInputs in;
  Invocation inv;
  Status st = Apply({"--steps", "x"}, in, &inv);
  CHECK(st.ToString() == "--steps must be a whole number (not \"x\")");
  in.env["GANDER_STATEMENT_TIMEOUT"] = "-3";
  CHECK(Apply({}, in, &inv).ToString() == "GANDER_STATEMENT_TIMEOUT (env) must be zero or more seconds");
  in.env.clear();
  in.dotenv["GANDER_YES"] = "maybe";
  CHECK(Apply({}, in, &inv).ToString().rfind("GANDER_YES (.env) must be 1 or 0", 0) == 0);
  in.dotenv.clear();
  in.project["lock_timeout"] = "soon";
  in.project_file = "cfg.json";
  CHECK(Apply({}, in, &inv).ToString() == "cfg.json: lock_timeout must be a number (not \"soon\")");
  in.project.clear();
  CHECK(Apply({"--parallel", "0"}, in, &inv).ToString() == "--parallel must be 1 or more");
  CHECK(Apply({"--max-failure-rate", "101"}, in, &inv).ToString() ==
        "--max-failure-rate must be a percentage from 0 to 100");
  CHECK(Apply({"--in-flight", "maybe"}, in, &inv).ToString() == "--in-flight must be done or redo");
}

TEST_CASE("settings table: goose's flags, spelled as goose spells them") {
  CommandLine line;
  REQUIRE(ParseCommandLine({"-no-color", "-timeout", "1h13m",          "-env=none",      "-certfile", "ca.pem",
                            "-ssl-cert", "c.pem",    "-ssl-key",       "k.pem",          "-dir",      "m",
                            "-table",    "t",        "-allow-missing", "-no-versioning", "-s",        "-v",
                            "-h",        "-version", "sqlite3",        "a.db",           "up"},
                           &line)
              .ok());
  for (const char* name : {"no_color", "timeout", "env_file", "certfile", "ssl_cert", "ssl_key", "dir", "table",
                           "allow_missing", "no_versioning", "sequential", "verbose", "help", "version"}) {
    CAPTURE(name);
    CHECK(line.given.count(name) == 1);
  }
  CHECK(line.given["env_file"] == "none");
  CHECK(line.positionals == std::vector<std::string>{"sqlite3", "a.db", "up"});
  Invocation inv;
  REQUIRE(ApplySettings(line, {}, &inv).ok());
  CHECK(inv.goose_timeout_seconds == 4380);
  CHECK(inv.certfile == "ca.pem");
  CHECK(inv.no_color);
  // Flags may follow the positionals (goose parses to the end too); --select repeats.
  CommandLine after;
  REQUIRE(ParseCommandLine({"fleet", "up", "--select", "a=1", "--select", "b=2", "--json"}, &after).ok());
  REQUIRE(ApplySettings(after, {}, &inv).ok());
  CHECK(inv.select == std::vector<std::string>{"a=1", "b=2"});
  CHECK(inv.json);
  CHECK_FALSE(ParseCommandLine({"--no-such-flag"}, &after).ok());
}

TEST_CASE("Go durations for -timeout") {
  double s = 0;
  REQUIRE(ParseDuration("1h13m", &s).ok());
  CHECK(s == 4380);
  REQUIRE(ParseDuration("1.5h", &s).ok());
  CHECK(s == 5400);
  REQUIRE(ParseDuration("300ms", &s).ok());
  CHECK(s == doctest::Approx(0.3));
  REQUIRE(ParseDuration("90", &s).ok());  // plain seconds
  CHECK(s == 90);
  for (const char* bad : {"", "1x", "h", "-5s", "5s ", "1h-2m"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseDuration(bad, &s).ok());
  }
}

TEST_CASE("settings table: every row is complete and every GANDER_* variable has one") {
  std::set<std::string> names, flags, variables;
  for (const SettingRow& row : SettingRows()) {
    CAPTURE(row.name);
    CHECK(names.insert(row.name).second);
    for (const std::string& f : FlagNames(row)) CHECK(flags.insert(f).second);
    CHECK((row.kind == FlagKind::kNone) == (*row.flag == '\0'));
    if (row.kind != FlagKind::kSwitch && row.kind != FlagKind::kNone) CHECK(*row.value_name != '\0');
    if (*row.sources.env) {
      CHECK(std::string(row.sources.env).rfind("GANDER_", 0) == 0);
      variables.insert(row.sources.env);
    }
    if (row.kind == FlagKind::kNone) CHECK(*row.help != '\0');  // listed under "Environment:" in --help
  }
  CHECK(variables.size() >= 19);
  for (const char* v : {"GANDER_DRIVER", "GANDER_DBSTRING", "GANDER_MIGRATION_DIR", "GANDER_TABLE",
                        "GANDER_SNAPSHOT_DIR", "GANDER_CONFIG", "GANDER_METRICS_FILE", "GANDER_TARGETS", "GANDER_YES",
                        "GANDER_STATEMENT_TIMEOUT", "GANDER_MIGRATION_TIMEOUT", "GANDER_MAX_RETRIES",
                        "GANDER_RETRY_BASE_DELAY_MS", "GANDER_RETRY_MULTIPLIER", "GANDER_RETRY_JITTER", "GANDER_ACTOR",
                        "GANDER_LOCK_LEASE_SECONDS", "GANDER_DRIVER_DIR", "GANDER_LOCK_TIMEOUT"}) {
    CAPTURE(v);
    CHECK(variables.count(v) == 1);
  }
  std::string help = FlagsHelp() + EnvironmentHelp();  // a command's own flags are in its own help
  for (const SettingRow& row : SettingRows()) {
    if (*row.sources.env && *row.help) CHECK(help.find(row.sources.env) != std::string::npos);
  }
}
