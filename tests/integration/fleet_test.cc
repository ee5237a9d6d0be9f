// gander fleet on real engines: 50 PostgreSQL schemas, 50 PostgreSQL
// databases and 50 SQLite files in one targets file; canary, circuit
// breaker, half-open re-run, kill -9 of the fleet, per-label deadlines.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "db/dsn.h"
#include "integration/harness.h"

using namespace gander;
using namespace gander::test;

namespace {

const char* kTenants = "tenant_%02d";

std::string TenantName(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, kTenants, i);
  return buf;
}

// (ServerDsn: with GANDER_TEST_REQUIRE_SERVERS=1 a missing server fails the run.)
bool HavePostgres() { return ServerDsn("GANDER_TEST_PG_DSN", "tests/with-servers.sh") != nullptr; }

// `count` tenants of each kind, and the targets file that lists them: one
// PostgreSQL database holding a schema per tenant, a database per tenant on
// the same server, and a SQLite file per tenant. DSNs reach the file through
// environment variables, as a real targets file keeps its secrets out.
class Fleet {
 public:
  Fleet(int count, bool with_postgres) : count_(count), with_postgres_(with_postgres) {
    dir_.CopyFixture("fleet", "m");
    std::string entries;
    if (with_postgres_) {
      schemas_ = std::make_unique<ScratchDb>("postgres");
      for (int i = 0; i < count_; ++i) REQUIRE(schemas_->conn().Exec("CREATE SCHEMA " + TenantName(i)).ok());
      admin_dsn_ = std::getenv("GANDER_TEST_PG_DSN");
      REQUIRE(OpenConnection("postgres", admin_dsn_, &admin_).ok());
      db_prefix_ = "fleet" + std::to_string(getpid()) + "_" + std::to_string(std::rand() % 100000);
      for (int i = 0; i < count_; ++i) REQUIRE(admin_->Exec("CREATE DATABASE " + DatabaseName(i)).ok());
      entries += R"({"name": "schema-{schema}", "driver": "postgres", "dsn": "${FLEET_SCHEMAS_DSN}",
                     "schemas": "tenant_*", "labels": {"kind": "schema", "tier": "gold"}},)";
      entries += R"({"name": "db-{database}", "driver": "postgres", "dsn": "${FLEET_SERVER_DSN}",
                     "databases": ")" + db_prefix_ + R"(_*", "labels": {"kind": "database", "tier": "silver"}},)";
    }
    for (int i = 0; i < count_; ++i) dir_.Write("files/" + TenantName(i) + ".db", "");
    entries += R"({"name": "file-{file}", "driver": "sqlite3", "glob": "files/tenant_*.db",
                   "labels": {"kind": "file", "tier": "bronze"}})";
    dir_.Write("targets.json", "{\"targets\": [" + entries + "]}");
  }
  ~Fleet() {
    if (admin_) {
      for (int i = 0; i < count_; ++i) {
        admin_->Exec("DROP DATABASE IF EXISTS " + DatabaseName(i) + " WITH (FORCE)").IgnoreError();
      }
    }
  }

  int size() const { return count_ * (with_postgres_ ? 3 : 1); }
  std::string Path(const std::string& name) const { return dir_.Join(name); }
  // Target names in file order.
  std::string NameAt(int i) const {
    int kind = with_postgres_ ? i / count_ : 2;
    int n = with_postgres_ ? i % count_ : i;
    return kind == 0 ? "schema-" + TenantName(n) : kind == 1 ? "db-" + DatabaseName(n) : "file-" + TenantName(n);
  }

  // gander --dir M --targets FILE fleet ARGS... (ARGS end with the command).
  std::vector<std::string> Argv(const std::vector<std::string>& args) const {
    return Args({"--dir", dir_.Join("m"), "--targets", dir_.Join("targets.json"), "fleet"}, args);
  }
  std::map<std::string, std::string> Env() const {
    if (!with_postgres_) return {};
    return {{"FLEET_SCHEMAS_DSN", schemas_->dsn()}, {"FLEET_SERVER_DSN", admin_dsn_}};
  }
  RunResult Run(const std::vector<std::string>& args) const { return RunGander(Argv(args), Env(), dir_.path()); }
  void WriteMigration(const std::string& file, const std::string& text) const { dir_.Write("m/" + file, text); }
  // Where target i's data lives, as its process's command line shows it.
  std::string Folder() const { return dir_.path(); }

  // A connection to target i (file order), for assertions.
  std::unique_ptr<Connection> Open(int i) const {
    std::unique_ptr<Connection> conn;
    std::string dsn;
    int kind = with_postgres_ ? i / count_ : 2;
    int n = with_postgres_ ? i % count_ : i;
    if (kind == 0) REQUIRE(PostgresDsnForSchema(schemas_->dsn(), TenantName(n), &dsn).ok());
    if (kind == 1) REQUIRE(PostgresDsnForDatabase(admin_dsn_, DatabaseName(n), &dsn).ok());
    if (kind == 2) dsn = dir_.Join("files/" + TenantName(n) + ".db");
    Status st = OpenConnection(kind == 2 ? "sqlite3" : "postgres", dsn, &conn);
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    return conn;
  }

  // Target i's applied version, read from its tracking table (0 if none).
  long long Version(int i) const {
    auto conn = Open(i);
    bool exists = false;
    REQUIRE(TableExists(*conn, "goose_db_version", &exists).ok());
    if (!exists) return 0;
    std::vector<Row> rows;
    REQUIRE(conn->Query("SELECT MAX(version_id) FROM goose_db_version", &rows).ok());
    return std::atoll(CellText(rows[0], 0).c_str());
  }
  // Whether target i's tables are exactly those of its version (fleet_c
  // aside on a broken tenant): no half-applied migration anywhere.
  bool Consistent(int i) const {
    long long v = Version(i);
    auto conn = Open(i);
    for (auto [table, from] : {std::pair<const char*, int>{"fleet_a", 1}, {"fleet_b", 2}}) {
      bool exists = false;
      REQUIRE(TableExists(*conn, table, &exists).ok());
      if (exists != (v >= from)) return false;
    }
    return true;
  }
  void Break(int i) const { REQUIRE(Open(i)->Exec("CREATE TABLE fleet_c (id INT PRIMARY KEY)").ok()); }
  void Fix(int i) const { REQUIRE(Open(i)->Exec("DROP TABLE fleet_c").ok()); }

 private:
  std::string DatabaseName(int i) const { return db_prefix_ + "_" + TenantName(i); }

  int count_;
  bool with_postgres_;
  TempDir dir_;
  std::unique_ptr<ScratchDb> schemas_;
  std::unique_ptr<Connection> admin_;
  std::string admin_dsn_, db_prefix_;
};

nlohmann::json Json(const RunResult& r) {
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(!j.is_discarded(), r.out << r.err);
  return j;
}

std::map<std::string, std::string> Outcomes(const nlohmann::json& j) {
  std::map<std::string, std::string> out;
  for (const auto& t : j["targets"]) out[t["name"].get<std::string>()] = t["outcome"].get<std::string>();
  return out;
}

}  // namespace

TEST_CASE("fleet: 50 schemas, 50 databases and 50 SQLite files; canary, breaker, half-open probe, re-run") {
  Fleet fleet(50, HavePostgres());
  const int n = fleet.size();
  // A broken tenant early in the file stops a canary run before the others start.
  const int early = 1, late = 30;
  fleet.Break(early);
  RunResult r = fleet.Run({"--json", "--canary", "3", "--parallel", "4", "up"});
  CHECK(r.exit_code == 1);
  nlohmann::json j = Json(r);
  auto outcomes = Outcomes(j);
  CHECK(outcomes[fleet.NameAt(early)] == "failed");
  CHECK(outcomes[fleet.NameAt(0)] == "migrated");
  CHECK(outcomes[fleet.NameAt(2)] == "migrated");
  CHECK(j["summary"]["not_started"] == n - 3);
  CHECK(j["stop_reason"].get<std::string>().find("canary \"" + fleet.NameAt(early) + "\" failed") == 0);
  CHECK(Contains(j["targets"][early]["error"].get<std::string>(), "fleet_c"));
  for (int i = 3; i < n; i += 7) CHECK(fleet.Version(i) == 0);
  CHECK(fleet.Version(early) == 2);  // its first two migrations committed; the third rolled back

  // Fixed, but another tenant breaks: a parallel run opens the breaker at the
  // first failure and starts no target after it.
  fleet.Fix(early);
  fleet.Break(late);
  r = fleet.Run({"--json", "--parallel", "4", "--max-failures", "1", "up"});
  CHECK(r.exit_code == 1);
  j = Json(r);
  CHECK(j["breaker"] == "open");
  outcomes = Outcomes(j);
  CHECK(outcomes[fleet.NameAt(late)] == "failed");
  for (int i = 0; i < late; ++i) CHECK(outcomes[fleet.NameAt(i)] != "not started");
  // No target started after the failure: each started before the broken
  // one ended, and the rest of the file was left alone.
  const nlohmann::json& broken = j["targets"][late];
  // (+50 ms: the breaker opens when the fleet has read the child's result,
  // a moment after the child's own clock stopped.)
  double opened_at = broken["started_after"].get<double>() + broken["seconds"].get<double>() + 0.05;
  int started = 0;
  for (int i = 0; i < n; ++i) {
    CAPTURE(i);
    const nlohmann::json& t = j["targets"][i];
    if (t["outcome"] == "not started") {
      CHECK(fleet.Version(i) == 0);
      continue;
    }
    ++started;
    CHECK(t["started_after"].get<double>() <= opened_at);
  }
  CHECK(started < n);
  CHECK(Contains(j["stop_reason"].get<std::string>(), "circuit breaker opened: 1 targets failed (--max-failures 1)"));
  CHECK(Contains(Slurp(fleet.Path("targets.state.json")), fleet.NameAt(late)));

  // Still broken: the next run probes that tenant alone, and stays open.
  r = fleet.Run({"--json", "--parallel", "4", "up"});
  CHECK(r.exit_code == 1);
  j = Json(r);
  CHECK(Contains(r.err, "probing \"" + fleet.NameAt(late) + "\" alone first"));
  CHECK(j["breaker"] == "open");
  CHECK(j["summary"]["not_started"] == n - 1);

  // Fixed: the probe closes the breaker and the run completes only what is left.
  fleet.Fix(late);
  r = fleet.Run({"--json", "--parallel", "8", "up"});
  CHECK_MESSAGE(r.exit_code == 0, r.out, r.err);
  j = Json(r);
  CHECK(j["breaker"] == "closed");
  outcomes = Outcomes(j);
  CHECK(outcomes[fleet.NameAt(0)] == "up to date");
  CHECK(outcomes[fleet.NameAt(late)] == "migrated");
  CHECK(outcomes[fleet.NameAt(n - 1)] == "migrated");
  for (int i = 0; i < n; i += 5) CHECK(fleet.Version(i) == 3);

  // Every target agrees; a second run has nothing to do.
  r = fleet.Run({"--json", "--parallel", "8", "status"});
  CHECK(r.exit_code == 0);
  for (const auto& t : Json(r)["targets"]) CHECK(t["version_before"] == 3);
  r = fleet.Run({"--parallel", "8", "up"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, std::to_string(n) + " targets, " + std::to_string(n) + " ok, 0 failed"));
  CHECK_FALSE(Contains(r.out, "migrated"));
}

TEST_CASE("fleet: kill -9 of the fleet leaves every target consistent; a re-run completes the rest") {
  Fleet fleet(12, HavePostgres());
  // A slow second migration keeps targets busy when the fleet dies.
  fleet.WriteMigration("002_b.sql",
                       "-- +goose Up\nCREATE TABLE fleet_b (id INT PRIMARY KEY);\n"
                       "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) "
                       "SELECT count(*) FROM c;\n\n-- +goose Down\nDROP TABLE fleet_b;\n");
  const int n = fleet.size();
  GanderProcess proc(fleet.Argv({"--parallel", "3", "up"}), fleet.Env(), fleet.Folder());
  // Killed as soon as the first target is done: the others are running or waiting.
  auto any_done = [&] {
    for (int i = 0; i < n; ++i) {
      if (fleet.Version(i) == 3) return true;
    }
    return false;
  };
  for (int i = 0; i < 3000 && !any_done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  proc.Kill();
  proc.Wait();

  // The targets it had started finish on their own (each a whole gander
  // run); wait for them, then every target is at a version with exactly
  // that version's tables, and none is dirty.
  auto running = [&] {
    int count = 0;
    DIR* proc_dir = opendir("/proc");
    while (dirent* e = readdir(proc_dir)) {
      std::string cmdline = Slurp(std::string("/proc/") + e->d_name + "/cmdline");
      if (Contains(cmdline, fleet.Folder() + "/m")) ++count;
    }
    closedir(proc_dir);
    return count;
  };
  for (int i = 0; i < 600 && running() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(running() == 0);
  int done = 0;
  for (int i = 0; i < n; ++i) {
    CAPTURE(fleet.NameAt(i));
    CHECK(fleet.Consistent(i));
    done += fleet.Version(i) == 3 ? 1 : 0;
  }
  CHECK(done < n);  // the kill came mid-run
  RunResult r = fleet.Run({"--json", "--parallel", "4", "status"});
  CHECK(r.exit_code == 0);
  for (const auto& t : Json(r)["targets"]) CHECK(t["result"]["dirty"].is_null());

  r = fleet.Run({"--json", "--parallel", "4", "up"});
  CHECK_MESSAGE(r.exit_code == 0, r.out, r.err);
  auto outcomes = Outcomes(Json(r));
  int migrated = 0, up_to_date = 0;
  for (const auto& [name, outcome] : outcomes) {
    migrated += outcome == "migrated";
    up_to_date += outcome == "up to date";
  }
  CHECK(migrated == n - done);
  CHECK(up_to_date == done);
  for (int i = 0; i < n; ++i) CHECK(fleet.Version(i) == 3);
}

TEST_CASE("fleet: per-label deadlines, --select, metrics per target, and mistakes in the targets file") {
  TempDir dir;
  dir.CopyFixture("fleet", "m");
  for (const char* name : {"gold", "bronze", "other"}) dir.Write(std::string("db/") + name + ".db", "");
  dir.Write("targets.json", R"({"targets": [
      {"name": "gold", "driver": "sqlite3", "dsn": "db/gold.db", "labels": {"tier": "gold"}},
      {"name": "bronze", "driver": "sqlite", "dsn": "db/bronze.db", "labels": {"tier": "bronze"}},
      {"name": "other", "driver": "sqlite3", "dsn": "db/other.db", "labels": {"tier": "bronze", "region": "us"}}],
    "deadlines": [{"select": "tier=gold", "lock_timeout": "300ms"}, {"select": "tier=bronze", "lock_timeout": 30}]})");
  auto fleet = [&](std::vector<std::string> args) {
    return RunGander(Args({"--dir", dir.Join("m"), "--snapshot-dir", dir.Join("m/.gander/snapshots"), "--targets",
                           dir.Join("targets.json"), "fleet"},
                          args));
  };
  // Another runner holds gold and bronze for a second: gold's deadline is
  // shorter than that, bronze's is not.
  // Close-on-exec: a gander started meanwhile must not inherit (and keep) the locks.
  int gold = open(dir.Join("db/gold.db").c_str(), O_RDONLY | O_CLOEXEC);
  int bronze = open(dir.Join("db/bronze.db").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(flock(gold, LOCK_EX) == 0);
  REQUIRE(flock(bronze, LOCK_EX) == 0);
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    close(gold);
    close(bronze);
  });
  RunResult r = fleet({"--json", "--parallel", "3", "--select", "region!=us", "--metrics-file", dir.Join("fleet.prom"), "up"});
  release.join();
  CHECK(r.exit_code == 1);
  nlohmann::json j = Json(r);
  REQUIRE(j["targets"].size() == 2);  // "other" is not selected
  CHECK(j["targets"][0]["outcome"] == "failed");
  CHECK(j["targets"][0]["exit_code"] == 4);
  CHECK(Contains(j["targets"][0]["error"].get<std::string>(), "locked by another gander process (waited 0.30s"));
  CHECK(j["targets"][0]["seconds"].get<double>() < 0.9);
  CHECK(j["targets"][1]["outcome"] == "migrated");
  std::string prom = Slurp(dir.Join("fleet.prom"));
  CHECK(Contains(prom, "gander_fleet_target_success{target=\"gold\"} 0"));
  CHECK(Contains(prom, "gander_fleet_target_success{target=\"bronze\"} 1"));
  CHECK(Contains(prom, "gander_fleet_target_version{target=\"bronze\"} 3"));
  CHECK(Contains(prom, "gander_fleet_targets{command=\"up\",outcome=\"failed\"} 1"));
  CHECK_FALSE(Contains(prom, "target=\"other\""));
  // Each target keeps its own audit trail.
  DIR* snapshots = opendir(dir.Join("m/.gander/snapshots/bronze").c_str());
  REQUIRE(snapshots != nullptr);
  int files = 0;
  while (dirent* e = readdir(snapshots)) files += Contains(e->d_name, "-up.json") ? 1 : 0;
  closedir(snapshots);
  CHECK(files == 1);

  // The text table names every target; the error has no line breaks.
  r = fleet({"--select", "name=gold", "up"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "gold    0       3      "));
  CHECK(Contains(r.out, "fleet up: 1 targets, 1 ok, 0 failed, 0 not started"));

  // A rollback over a fleet needs --yes (many rollbacks at once); the
  // targets' --expect-version is checked on each.
  r = fleet({"--select", "name=gold", "down"});
  CHECK(r.exit_code == 3);
  CHECK(Contains(r.err, "rolling back on 1 targets needs confirmation; review `gander -dir " + dir.Join("m") +
                            " fleet --targets"));
  r = fleet({"--json", "--select", "name=gold", "--expect-version", "2", "--yes", "down"});
  CHECK(r.exit_code == 1);
  CHECK(Json(r)["targets"][0]["exit_code"] == 3);
  CHECK(Contains(Json(r)["targets"][0]["error"].get<std::string>(), "the current version is 3, not 2"));
  r = fleet({"--json", "--select", "name=gold", "--expect-version", "3", "--yes", "down"});
  CHECK(r.exit_code == 0);
  CHECK(Json(r)["targets"][0]["version_after"] == 2);

  // Mistakes: one line naming the file and the entry, exit 2, nothing run.
  dir.Write("bad.json", R"({"targets": [{"name": "x", "driver": "postgres", "dns": "postgres://u:pw@h/d"}]})");
  r = RunGander({"--dir", dir.Join("m"), "--targets", dir.Join("bad.json"), "fleet", "up"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "gander: fleet: " + dir.Join("bad.json") + ": targets[0] (\"x\"): unknown key \"dns\"\n");
  r = fleet({"--select", "tier=platinum", "up"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "no target matches --select (of 3)"));
  r = fleet({"create", "x"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "cannot run \"create\" over a fleet"));
  r = RunGander({"--dir", dir.Join("m"), "fleet", "status"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "needs a targets file"));
  dir.Write("glob.json", R"({"targets": [{"name": "t", "driver": "sqlite3", "glob": "nothing/*.db"}]})");
  r = RunGander({"--dir", dir.Join("m"), "--targets", dir.Join("glob.json"), "fleet", "status"});
  CHECK(Contains(r.err, "glob \"nothing/*.db\" matches no file"));
}

TEST_CASE("fleet: every MariaDB database matching a pattern (sharded MySQL)") {
  const char* admin_dsn = ServerDsn("GANDER_TEST_MYSQL_DSN", "tests/with-servers.sh");
  if (admin_dsn == nullptr) return;
  std::unique_ptr<Connection> admin;
  REQUIRE(OpenConnection("mysql", admin_dsn, &admin).ok());
  std::string prefix = "shard" + std::to_string(getpid());
  for (int i = 0; i < 4; ++i) REQUIRE(admin->Exec("CREATE DATABASE " + prefix + "_" + std::to_string(i)).ok());
  TempDir dir;
  dir.CopyFixture("fleet", "m");
  dir.Write("targets.json", R"({"targets": [{"name": "shard-{database}", "driver": "mysql", "dsn": "${SHARDS}",
                                  "databases": ")" + prefix + R"(_*"}]})");
  RunResult r = RunGander({"--json", "--dir", dir.Join("m"), "--targets", dir.Join("targets.json"), "--parallel", "2",
                           "fleet", "up"},
                          {{"SHARDS", admin_dsn}});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  nlohmann::json j = Json(r);
  REQUIRE(j["targets"].size() == 4);
  CHECK(j["targets"][3]["name"] == "shard-" + prefix + "_3");
  for (int i = 0; i < 4; ++i) {
    std::vector<Row> rows;
    REQUIRE(admin->Query("SELECT COUNT(*) FROM " + prefix + "_" + std::to_string(i) + ".fleet_c", &rows).ok());
    CHECK(j["targets"][i]["version_after"] == 3);
  }
  for (int i = 0; i < 4; ++i) admin->Exec("DROP DATABASE " + prefix + "_" + std::to_string(i)).IgnoreError();
}

TEST_CASE("fleet resume: a target left dirty continues where it stopped; clean ones have nothing to do") {
  Fleet fleet(3, false);
  // Two statements outside a transaction; the second fails on tenant 1 only.
  fleet.WriteMigration("003_c.sql",
                       "-- +goose Up\n-- +goose NO TRANSACTION\nCREATE TABLE fleet_d (id INT PRIMARY KEY);\n"
                       "CREATE TABLE fleet_c (id INT PRIMARY KEY);\n-- +goose Down\n-- +goose NO TRANSACTION\n"
                       "DROP TABLE fleet_c;\nDROP TABLE fleet_d;\n");
  fleet.Break(1);
  RunResult r = fleet.Run({"--json", "up"});
  CHECK(r.exit_code == 1);
  CHECK(Contains(Json(r)["targets"][1]["error"].get<std::string>(), "fleet_c"));
  r = fleet.Run({"up"});  // a dirty target refuses to go on
  CHECK(Contains(r.out, "is dirty"));
  fleet.Fix(1);
  r = fleet.Run({"--json", "resume"});
  CHECK_MESSAGE(r.exit_code == 0, r.out << r.err);
  auto outcomes = Outcomes(Json(r));
  CHECK(outcomes["file-tenant_00"] == "up to date");
  CHECK(outcomes["file-tenant_01"] == "migrated");
  for (int i = 0; i < 3; ++i) CHECK(fleet.Version(i) == 3);
}

TEST_CASE("fleet: each target reads files with the fleet's --max-file-mb") {
  Fleet fleet(2, false);
  fleet.WriteMigration("003_c.sql", "-- +goose Up\nCREATE TABLE fleet_d (v TEXT);\nINSERT INTO fleet_d VALUES ('" +
                                        std::string(2 << 20, 'z') + "');\n-- +goose Down\nDROP TABLE fleet_d;\n");
  RunResult r = fleet.Run({"--json", "--max-file-mb", "1", "up"});
  CHECK(r.exit_code != 0);
  CHECK(Contains(Json(r)["targets"][0]["error"].get<std::string>(), "raise it with --max-file-mb"));
  CHECK(fleet.Version(0) == 0);
}

TEST_CASE("fleet: server targets never show their password") {
  if (!HavePostgres()) return;
  Fleet fleet(2, true);
  std::string password = PasswordOf(std::getenv("GANDER_TEST_PG_DSN"));
  REQUIRE_FALSE(password.empty());
  for (const char* json : {"--json", "-v"}) {
    RunResult r = fleet.Run({json, "up"});
    CHECK(r.exit_code == 0);
    CHECK_FALSE(Contains(r.out, password));
    CHECK_FALSE(Contains(r.err, password));
  }
}

TEST_CASE("fleet on a terminal: live progress, and a rollback asks after listing the targets") {
  if (std::system("command -v script >/dev/null 2>&1") != 0) return;
  Fleet fleet(3, false);
  auto on_terminal = [&](const std::string& args, const std::string& answer) {
    std::string command = std::string(GANDER_BINARY) + " --dir " + fleet.Path("m") + " --targets " +
                          fleet.Path("targets.json") + " fleet " + args;
    std::string shell = "printf '" + answer + "\\n' | script -qec '" + command + "' /dev/null > " +
                        fleet.Path("tty.out") + " 2>&1";
    int status = std::system(shell.c_str());
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(fleet.Path("tty.out")));
  };
  auto [code, shown] = on_terminal("--parallel 2 up", "");
  CHECK(code == 0);
  CHECK(Contains(shown, "\r\033[Kfleet up: 0/3 done, 0 failed, 1 running"));
  CHECK(Contains(shown, "done, 0 failed"));
  CHECK(Contains(shown, "migrated  file-tenant_02  0 -> 3"));
  std::tie(code, shown) = on_terminal("down-to 0", "no");
  CHECK(code == 3);
  CHECK(Contains(shown, "down-to on these targets:\r\n  file-tenant_00\r\n"));
  CHECK(Contains(shown, "not confirmed; nothing was run"));
  CHECK(fleet.Version(0) == 3);
  std::tie(code, shown) = on_terminal("down-to 0", "yes");
  CHECK(code == 0);
  for (int i = 0; i < 3; ++i) CHECK(fleet.Version(i) == 0);
}
