// Client-side deadlines: a server that stops answering never hangs gander.
// A frozen listener (a socket that accepts connections and never says a
// word) stands for a server or proxy that froze before the handshake; a
// server that does not reply in time (pg_sleep, SLEEP) stands for one that
// freezes mid-statement. Freezes at each phase of a migration behind a
// fault-injecting relay are the relay suite's (tests/reliability/relay_test.cc).
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "db/client_options.h"
#include "integration/harness.h"

using namespace gander;
using namespace gander::test;
using Clock = std::chrono::steady_clock;

namespace {

// Listens on a free loopback port; the kernel completes every TCP handshake
// (the backlog), nobody ever reads or writes.
class FrozenListener {
 public:
  FrozenListener() {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd_, 64) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  ~FrozenListener() { close(fd_); }
  std::string port() const { return std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

}  // namespace

TEST_CASE("a server that accepts and never answers: connect gives up after 10 s, or the DSN's own limit") {
  FrozenListener frozen;
  TempDir dir;
  dir.Write("m/00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INT);\n");
  const std::string secret = "Fr0zen-s3cret";
  struct Case {
    std::string driver, dsn;
    double min_seconds, max_seconds;
    std::string says;
  };
  // The DSN's own limits first: all run at once and are waited for in this order.
  std::vector<Case> cases = {
      {"postgres", "host=127.0.0.1 port=" + frozen.port() + " user=u password=" + secret + " dbname=db connect_timeout=2",
       1.5, 6, "timeout expired: no answer within 2 s (the DSN's connect_timeout)"},
      {"mysql", "mysql://u:" + secret + "@127.0.0.1:" + frozen.port() + "/db?timeout=2s", 1.5, 6,
       "no answer within 2 s (the DSN's timeout)"},
      {"postgres", "postgres://u:" + secret + "@127.0.0.1:" + frozen.port() + "/db?sslmode=disable", 9.5, 16,
       "timeout expired: no answer within 10 s (set connect_timeout in the DSN to change it)"},
      {"mysql", "u:" + secret + "@tcp(127.0.0.1:" + frozen.port() + ")/db", 9.5, 16,
       "no answer within 10 s (set timeout in the DSN to change it)"},
  };
  // All at once: the suite waits ~10 s, not 30.
  std::vector<std::unique_ptr<GanderProcess>> runs;
  auto start = Clock::now();
  for (const Case& c : cases) {
    runs.push_back(std::make_unique<GanderProcess>(std::vector<std::string>{"-dir", dir.Join("m"), c.driver, c.dsn, "status"}));
  }
  // A run still going after 30 s hangs: killed, so that the test fails rather than waits for ever.
  std::vector<int> pids;
  for (auto& run : runs) pids.push_back(run->pid());
  std::vector<std::atomic<bool>> reaped(runs.size());
  std::atomic<bool> all_done{false};
  std::thread killer([&] {
    while (!all_done && Clock::now() - start < std::chrono::seconds(30)) usleep(100 * 1000);
    for (size_t i = 0; i < pids.size(); ++i) {
      if (!reaped[i]) kill(pids[i], SIGKILL);
    }
  });
  for (size_t i = 0; i < cases.size(); ++i) {
    RunResult r = runs[i]->Wait();
    reaped[i] = true;
    double took = Seconds(Clock::now() - start);
    CAPTURE(cases[i].dsn);
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(took >= cases[i].min_seconds);
    CHECK(took <= cases[i].max_seconds);
    CHECK(Contains(r.err, cases[i].says));
    CHECK(Contains(r.err, "cannot connect to"));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    CHECK_FALSE(Contains(r.err + r.out, secret));
  }
  all_done = true;
  killer.join();
  // The waits ran in parallel, so only the longest shows: the default, not forever.
  CHECK(Seconds(Clock::now() - start) >= 9.5);
}

TEST_CASE("a reply that does not come within the reply deadline: outcome unknown, the connection closed") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;  // a local file: no network to freeze
    CAPTURE(engine);
    ScratchDb db(engine);
    ClientDeadlines deadlines;
    deadlines.reply = std::chrono::milliseconds(1000);
    deadlines.reply_origin = "--statement-timeout 0s + 1s";
    std::unique_ptr<Connection> conn;
    Status opened = OpenConnection(engine, db.dsn(), deadlines, &conn);
    REQUIRE_MESSAGE(opened.ok(), opened.ToString());
    std::vector<Row> rows;
    REQUIRE(conn->Query("SELECT 1", &rows).ok());  // a prompt reply is no failure
    std::string sleep = engine == "postgres" ? "SELECT pg_sleep(5)" : "SELECT SLEEP(5)";
    auto start = Clock::now();
    Status st = conn->Query(sleep, &rows);
    double took = Seconds(Clock::now() - start);
    CAPTURE(st.ToString());
    CHECK_FALSE(st.ok());
    CHECK(st.outcome_unknown());
    CHECK(st.transient());
    CHECK(took >= 0.9);
    CHECK(took < 4);
    std::string server = engine == "postgres" ? "PostgreSQL" : "MySQL";
    CHECK(st.message().rfind("no reply from " + server + " within 1 s (--statement-timeout 0s + 1s): the connection "
                             "was closed; whether the request took effect is unknown", 0) == 0);
    // The connection is dead: the next request fails at once, its outcome known.
    start = Clock::now();
    Status after = conn->Exec("SELECT 1");
    CHECK_FALSE(after.ok());
    CHECK(Seconds(Clock::now() - start) < 1);
  }
}

TEST_CASE("waiting for the migration lock is not taken for a missing reply") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    CAPTURE(engine);
    ScratchDb db(engine);
    ClientDeadlines deadlines;
    deadlines.reply = std::chrono::milliseconds(1000);
    std::unique_ptr<Connection> holder, waiter;
    REQUIRE(OpenConnection(engine, db.dsn(), deadlines, &holder).ok());
    REQUIRE(OpenConnection(engine, db.dsn(), deadlines, &waiter).ok());
    REQUIRE(holder->Lock(std::chrono::milliseconds(0)).ok());
    auto start = Clock::now();
    Status st = waiter->Lock(std::chrono::milliseconds(3000));  // three times the reply deadline
    CAPTURE(st.ToString());
    CHECK(st.code() == StatusCode::kLockTimeout);
    CHECK(Seconds(Clock::now() - start) >= 2.9);
    CHECK_FALSE(st.outcome_unknown());
    REQUIRE(holder->Unlock().ok());
    CHECK(waiter->Lock(std::chrono::milliseconds(3000)).ok());
  }
}
