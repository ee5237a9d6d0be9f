// Crash suite, NO TRANSACTION: a migration of 300 statements, each its own
// commit and each preceded by a dirty-marker write, killed with SIGKILL at
// random seeded moments on every engine, and on the servers also at aimed
// points: just before and just after a marker write, a statement or the
// record reaches the server (the relay holds the message back, or forwards
// it and loses the reply, and gander is killed while it waits). After each
// kill the database must hold either nothing of the migration, or a dirty
// marker that `status` reports and that counts exactly the statements done
// (one more may be in flight); `resume` and `up` must finish the job with no
// statement applied twice (reliability/ledger.h judges).
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <thread>

#include <doctest/doctest.h>

#include "integration/harness.h"
#include "relay/relay.h"
#include "reliability/figures.h"
#include "reliability/ledger.h"
#include "reliability/timed_run.h"

using namespace gander::test;
using namespace std::chrono_literals;

namespace {

constexpr int kStatements = 300;

struct Tally {
  int runs = 0, killed_mid_run = 0, dirty = 0, untouched = 0, bad = 0;
};

// SQLite's fsync per commit makes a 300-commit run take 10 s and more on a
// disk; a killed process needs none of that durability (the kernel keeps
// what was written), so SQLite's files go to tmpfs while this suite makes
// them: ScratchDb and TempDir create theirs under TMPDIR.
class TmpfsIfSqlite {
 public:
  explicit TmpfsIfSqlite(const std::string& engine) {
    if (engine != "sqlite3" || access("/dev/shm", W_OK) != 0) return;
    const char* old = std::getenv("TMPDIR");
    if (old != nullptr) saved_ = old;
    had_ = old != nullptr;
    setenv("TMPDIR", "/dev/shm", 1);
    active_ = true;
  }
  ~TmpfsIfSqlite() {
    if (!active_) return;
    if (had_) {
      setenv("TMPDIR", saved_.c_str(), 1);
    } else {
      unsetenv("TMPDIR");
    }
  }

 private:
  bool active_ = false, had_ = false;
  std::string saved_;
};

struct Scratch {
  explicit Scratch(const std::string& engine)
      : tmpfs(engine), made(engine, LongMigration(true, kStatements)), db(made.db), set(made.set), dir(made.dir) {}
  TmpfsIfSqlite tmpfs;
  LedgerScratch made;
  ScratchDb& db;
  const LedgerSet& set;
  const std::string& dir;
};

// Judges the database after a kill and finishes the job; counts into `t`.
void AfterKill(Scratch& s, const RunResult& killed, Tally* t) {
  ++t->runs;
  if (killed.exit_code == 128 + 9) ++t->killed_mid_run;
  LedgerState state;
  std::string error;
  REQUIRE_MESSAGE(ReadLedgerState(s.db, s.dir, s.set, &state, &error), error);
  Verdict v = Judge(s.set, state);
  if (state.dirty) ++t->dirty;
  if (!state.dirty && state.records.count(2) == 0) ++t->untouched;
  for (const std::string& p : v.problems) FAIL_CHECK(p);
  std::string why;
  bool finished = FinishJob(s.db, s.dir, s.set, state, &why);
  CHECK_MESSAGE(finished, why);
  t->bad += v.double_applies + v.unexplained + (finished ? 0 : 1);
}

void Record(const std::string& suite, const Tally& t, const std::string& extra) {
  RecordFigures({suite, t.runs, t.runs, t.bad,
                 std::to_string(t.killed_mid_run) + " killed mid-run, " + std::to_string(t.dirty) + " left dirty, " +
                     std::to_string(t.untouched) + " left nothing of it" + extra});
}

void RandomKills(const std::string& engine, const std::string& suite, int runs) {
  double full_ms;
  {
    Scratch calibrate(engine);
    auto start = std::chrono::steady_clock::now();
    REQUIRE(RunGander(Args(Target(calibrate.db, calibrate.dir), {"up"})).exit_code == 0);
    full_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  std::mt19937 rng(ProfileSeed() + 17 + static_cast<uint32_t>(engine.size()));
  std::uniform_real_distribution<double> at(0.0, full_ms);
  Tally t;
  for (int i = 0; i < runs; ++i) {
    CAPTURE(i);
    Scratch s(engine);
    GanderProcess p(Args(Target(s.db, s.dir), {"up"}));
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long long>(at(rng) * 1000)));
    p.Kill();
    AfterKill(s, p.Wait(), &t);
  }
  Record(suite, t, "; full run " + std::to_string(static_cast<int>(full_ms)) + " ms");
}

}  // namespace

// #17 item 4: the marker was replaced in two separately committed statements
// (DELETE, then INSERT), and about one kill in three landed between them,
// leaving statements applied and no marker; now it is one transaction. 24
// kills (a fraction of a second each on tmpfs) all but surely hit that gap.
TEST_CASE("crash suite: kill -9 in a 300-statement NO TRANSACTION migration on SQLite leaves nothing or a "
          "marker (#17 item 4)") {
  RandomKills("sqlite3", "crash NO TRANSACTION x300 sqlite3", ProfileRuns(8) * 3);
}

TEST_CASE("crash suite: kill -9 in a 300-statement NO TRANSACTION migration on the servers") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    CAPTURE(engine);
    RandomKills(engine, "crash NO TRANSACTION x300 " + engine, ProfileRuns(6));
  }
}

TEST_CASE("crash suite: kill -9 aimed before and after a marker write, a statement and the record reach the server") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    Tally t;
    struct Aim {
      const char* what;
      std::string trigger, after;
    };
    std::vector<Aim> aims = {{"marker before statement 150", "_dirty", "VALUES ('b149')"},
                             {"statement 150", "VALUES ('b150')", ""},
                             {"the record", "(version_id, is_applied) VALUES (2,", ""}};
    if (ProfileRuns(0) > 0) {  // the long profile: the first and the last marker too
      aims.push_back({"marker before statement 2", "_dirty", "VALUES ('b1')"});
      aims.push_back({"marker before statement 300", "_dirty", "VALUES ('b299')"});
    }
    for (const Aim& aim : aims) {
      for (FaultMode mode : {FaultMode::kFreeze, FaultMode::kFreezeReplies}) {
        CAPTURE(engine);
        CAPTURE(aim.what);
        CAPTURE(FaultModeName(mode));
        Scratch s(engine);
        Fault fault;
        fault.mode = mode;
        fault.trigger = aim.trigger;
        fault.after = aim.after;
        RunResult killed;
        {
          Relay relay(DsnPort(s.db.dsn()), fault);
          GanderProcess p({"-dir", s.dir, engine, DsnWithPort(s.db.dsn(), relay.port()), "up"});
          REQUIRE(relay.WaitFired(60s));
          std::this_thread::sleep_for(300ms);  // freeze-replies: the server has run it
          p.Kill();
          killed = p.Wait();
        }  // the relay stops: the server sees the connection end
        AfterKill(s, killed, &t);
      }
    }
    Record("crash NO TRANSACTION aimed " + engine, t, "; held back or reply lost: marker 150, statement 150, record" +
                                                          std::string(ProfileRuns(0) > 0 ? ", markers 2 and 300" : ""));
  }
}
