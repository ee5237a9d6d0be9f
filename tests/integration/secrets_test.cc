// Hostile passwords on real servers (docs/security.md). A user is created
// whose password holds every byte a DSN splits at; then, for each way of
// writing a DSN (URL, key=value with blanks and quotes, goose's MySQL form,
// raw and percent-encoded) and for connections that fail (no server, no such
// host, wrong password) as well as ones that succeed, gander runs up, status,
// env, history, down, audit verify and a fleet, and no run of 3 bytes of the
// password may appear in stdout, stderr, --json, -v, the snapshot files and
// rows, the history rows, the metrics file or any gander's command line.
#include <dirent.h>

#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

#include <doctest/doctest.h>

#include "core/percent_encoding.h"
#include "core/secret_scrubber.h"
#include "db/dsn.h"
#include "integration/harness.h"

using namespace gander;
using namespace gander::test;

namespace {

// One of each byte a DSN splits at, and a non-ASCII letter.
const std::string kPassword = "Zq@7/Kx?%9:Wj'B\"v\\ Y&=#,;(L)\xc3\xa9";

// A login on the test server whose password is kPassword; dropped at the end.
class HostileUser {
 public:
  explicit HostileUser(const std::string& engine) : engine_(engine), name_("hostile_" + UniqueName()) {
    admin_dsn_ = std::getenv(engine == "postgres" ? "GANDER_TEST_PG_DSN" : "GANDER_TEST_MYSQL_DSN");
    REQUIRE(OpenConnection(engine, admin_dsn_, &admin_).ok());
    const Dialect& d = admin_->dialect();
    Status st = admin_->Exec(engine == "postgres"
                                 ? "CREATE ROLE " + name_ + " LOGIN PASSWORD " + d.QuoteString(kPassword)
                                 : "CREATE USER '" + name_ + "'@'%' IDENTIFIED BY " + d.QuoteString(kPassword));
    REQUIRE_MESSAGE(st.ok(), st.ToString());
    Dsn admin;
    REQUIRE((engine == "postgres" ? ParsePostgresDsn(admin_dsn_, &admin) : ParseMysqlDsn(admin_dsn_, &admin)).ok());
    host_ = admin.host;
    port_ = std::to_string(admin.port);
  }
  ~HostileUser() {
    // Best effort: a test that failed already says why; a left-over role is harmless.
    admin_->Exec(engine_ == "postgres" ? "DROP ROLE IF EXISTS " + name_ : "DROP USER IF EXISTS '" + name_ + "'@'%'")
        .IgnoreError();
  }
  // Lets the user change `database`.
  void Own(const std::string& database) {
    Status st = admin_->Exec(engine_ == "postgres" ? "ALTER DATABASE " + database + " OWNER TO " + name_
                                                   : "GRANT ALL ON " + database + ".* TO '" + name_ + "'@'%'");
    REQUIRE_MESSAGE(st.ok(), st.ToString());
  }
  const std::string& name() const { return name_; }
  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }

 private:
  std::string engine_, name_, admin_dsn_, host_, port_;
  std::unique_ptr<Connection> admin_;
};

enum class Expect { kConnects, kRefused, kFails };

struct Form {
  std::string what, dsn;
  Expect expect;
};

// Every way of writing the hostile user's DSN for `database`.
std::vector<Form> Forms(const std::string& engine, const HostileUser& u, const std::string& database) {
  const std::string enc = PercentEncode(kPassword), quoted = QuoteLibpqValue(kPassword);
  const std::string& h = u.host();
  const std::string& p = u.port();
  if (engine == "postgres") {
    std::string kv = "host=" + h + " port=" + p + " user=" + u.name() + " dbname=" + database + " sslmode=disable";
    return {
        {"URL, percent-encoded", "postgres://" + u.name() + ":" + enc + "@" + h + ":" + p + "/" + database + "?sslmode=disable", Expect::kConnects},
        {"URL, password in the query", "postgresql://" + u.name() + "@" + h + ":" + p + "/" + database + "?sslmode=disable&password=" + enc, Expect::kConnects},
        {"key=value, quoted", kv + " password=" + quoted, Expect::kConnects},
        {"key=value, blanks around =", kv + " password = " + quoted + " ", Expect::kConnects},
        {"URL, raw", "postgres://" + u.name() + ":" + kPassword + "@" + h + ":" + p + "/" + database, Expect::kRefused},
        {"key=value, a blank then unquoted", kv + " password= " + kPassword, Expect::kRefused},
        {"key=value, unquoted", kv + " password=" + kPassword + " application_name=x", Expect::kFails},
        {"key=value, unquoted at the end", "host=" + h + " port=" + p + " password=" + kPassword, Expect::kFails},
        {"URL, no server", "postgres://" + u.name() + ":" + enc + "@127.0.0.1:1/" + database + "?sslmode=disable", Expect::kFails},
        {"URL, no such host", "postgres://" + u.name() + ":" + enc + "@gander-no-such-host.invalid/" + database, Expect::kFails},
        {"key=value, wrong user", "host=" + h + " port=" + p + " user=nobody_" + u.name() + " dbname=" + database +
                                      " sslmode=disable password=" + quoted, Expect::kFails},
    };
  }
  std::string raw = u.name() + ":" + kPassword + "@tcp(" + h + ":" + p + ")/" + database;
  return {
      {"goose form, raw", raw, Expect::kConnects},
      {"URL, percent-encoded", "mysql://" + u.name() + ":" + enc + "@" + h + ":" + p + "/" + database, Expect::kConnects},
      {"URL, raw", "mysql://" + u.name() + ":" + kPassword + "@" + h + ":" + p + "/" + database, Expect::kRefused},
      {"goose form, no server", u.name() + ":" + kPassword + "@tcp(127.0.0.1:1)/" + database, Expect::kFails},
      {"goose form, no such host", u.name() + ":" + kPassword + "@tcp(gander-no-such-host.invalid:3306)/" + database, Expect::kFails},
      {"goose form, wrong user", "nobody" + raw, Expect::kFails},
  };
}

// Every file below `dir`, concatenated.
std::string SlurpTree(const std::string& dir) {
  std::string all;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return Slurp(dir);
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name != "." && name != "..") all += SlurpTree(dir + "/" + name);
  }
  closedir(d);
  return all;
}

// Command lines of every gander process, sampled until stopped.
class CmdlineWatch {
 public:
  CmdlineWatch() : thread_([this] {
      while (!stop_) {
        Sample();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }) {}
  std::string Stop() {
    stop_ = true;
    thread_.join();
    return seen_;
  }

 private:
  void Sample() {
    DIR* proc = opendir("/proc");
    while (dirent* e = proc ? readdir(proc) : nullptr) {
      std::string pid = e->d_name;
      if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
      if (Slurp("/proc/" + pid + "/comm") != "gander\n") continue;
      seen_ += Slurp("/proc/" + pid + "/cmdline") + "\n";
    }
    if (proc) closedir(proc);
  }
  std::atomic<bool> stop_{false};
  std::string seen_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("secrets: no piece of a hostile password in any output, file, row or command line, whatever the DSN") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    HostileUser user(engine);
    for (size_t i = 0; i < Forms(engine, user, "x").size(); ++i) {
      ScratchDb db(engine);
      Dsn scratch;
      REQUIRE((engine == "postgres" ? ParsePostgresDsn(db.dsn(), &scratch) : ParseMysqlDsn(db.dsn(), &scratch)).ok());
      user.Own(scratch.database);
      const Form form = Forms(engine, user, scratch.database)[i];
      const std::string& dsn = form.dsn;
      CAPTURE(engine);
      CAPTURE(form.what);
      TempDir dir;
      dir.CopyFixture("migrations/basic", "m");
      std::string snapshots = dir.Join("snapshots"), metrics = dir.Join("metrics.prom");
      std::vector<std::string> base = {"-dir", dir.Join("m"), "--snapshot-dir", snapshots, "--metrics-file", metrics,
                                       engine, dsn};
      std::string seen;  // everything gander showed
      RunResult up = RunGander(Args(base, {"-v", "up"}));
      seen += up.out + up.err;
      int expected = form.expect == Expect::kConnects ? 0 : form.expect == Expect::kRefused ? 2 : 1;
      CHECK_MESSAGE(up.exit_code == expected, up.err);
      for (const std::vector<std::string>& command :
           {std::vector<std::string>{"status"}, {"--json", "status"}, {"env"}, {"--json", "env"}, {"history"},
            {"--json", "history"}, {"down"}, {"--json", "up"}, {"audit", "verify"}, {"--json", "audit", "verify"},
            {"snapshot", "show"}}) {
        RunResult r = RunGander(Args(base, command));
        seen += r.out + r.err;
        if (command.back() != "env") CHECK_MESSAGE(r.exit_code == (expected == 0 ? 0 : expected), command.back() << ": " << r.err);
      }
      // The fleet: the DSN reaches each child through its environment, never its argv.
      dir.Write("targets.json", "{\"targets\": [{\"name\": \"t\", \"driver\": \"" + engine +
                                    "\", \"dsn\": \"${HOSTILE_DSN}\"}]}");
      CmdlineWatch watch;
      RunResult fleet = RunGander({"-dir", dir.Join("m"), "fleet", "--targets", dir.Join("targets.json"), "--json", "status"},
                                  {{"HOSTILE_DSN", dsn}});
      // In text mode too (progress lines, the table), and with a second target
      // whose password is wrong: the fleet's own Output knows every target's.
      dir.Write("targets2.json", "{\"targets\": [{\"name\": \"t\", \"driver\": \"" + engine +
                                     "\", \"dsn\": \"${HOSTILE_DSN}\"}, {\"name\": \"u\", \"driver\": \"" +
                                     engine + "\", \"dsn\": \"${WRONG_DSN}\"}]}");
      RunResult fleet_text = RunGander({"-dir", dir.Join("m"), "fleet", "--targets", dir.Join("targets2.json"), "up"},
                                       {{"HOSTILE_DSN", dsn}, {"WRONG_DSN", Forms(engine, user, scratch.database).back().dsn}});
      CHECK(fleet_text.exit_code == 1);  // the wrong user fails
      std::string cmdlines = watch.Stop();
      seen += fleet.out + fleet.err + fleet_text.out + fleet_text.err;
      std::string files = SlurpTree(snapshots) + Slurp(metrics) + SlurpTree(dir.Join("m"));
      std::string rows;
      if (db.TableExists("goose_db_version_history")) {
        for (const auto& row : db.Query("SELECT * FROM goose_db_version_history")) {
          for (const std::string& cell : row) rows += cell + "|";
        }
        for (const auto& row : db.Query("SELECT * FROM goose_db_version_snapshots")) {
          for (const std::string& cell : row) rows += cell + "|";
        }
      }
      if (form.expect == Expect::kConnects) {
        CHECK(Contains(rows, "00001"));    // the history and snapshots were written ...
        CHECK(Contains(files, "\"seq\""));  // ... and the snapshot files
        CHECK(Contains(Slurp(metrics), "gander_"));
      } else {
        CHECK_FALSE(db.TableExists("goose_db_version"));  // nothing was touched
      }
      CHECK(FindSecretFragment(seen, kPassword) == "");
      CHECK_MESSAGE(FindSecretFragment(files, kPassword) == "", files);
      CHECK(FindSecretFragment(rows, kPassword) == "");
      CHECK(FindSecretFragment(cmdlines, kPassword) == "");
      CHECK_FALSE(Contains(seen + files + rows, PercentEncode(kPassword)));
    }
  }
}

TEST_CASE("secrets: goose's pgx DSN parameters are accepted on a real server, ignored with a -v notice") {
  for (const std::string& engine : TestEngines()) {
    if (engine != "postgres") continue;
    ScratchDb db(engine);
    TempDir dir;
    dir.CopyFixture("migrations/basic", "m");
    std::string dsn = db.dsn() + (Contains(db.dsn(), "?") ? "&" : "?") +
                      "pool_max_conns=4&default_query_exec_mode=simple_protocol&statement_cache_capacity=0";
    RunResult up = RunGander({"-dir", dir.Join("m"), "-v", engine, dsn, "up"});
    CHECK_MESSAGE(up.exit_code == 0, up.err);
    CHECK(Contains(up.err, "DSN parameter pool_max_conns ignored: it configures pgx (goose's driver), not libpq"));
    CHECK(Contains(up.err, "DSN parameter statement_cache_capacity ignored"));
    CHECK(db.TableExists("goose_db_version"));
    RunResult quiet = RunGander({"-dir", dir.Join("m"), engine, dsn, "status"});
    CHECK_MESSAGE(quiet.exit_code == 0, quiet.err);
    CHECK_FALSE(Contains(quiet.err, "ignored"));  // the notice is -v detail only
    // A key neither libpq nor pgx knows is still refused, by libpq.
    RunResult unknown = RunGander({"-dir", dir.Join("m"), engine, db.dsn() + (Contains(db.dsn(), "?") ? "&" : "?") + "pool_max_connz=4", "status"});
    CHECK(unknown.exit_code != 0);
  }
}
