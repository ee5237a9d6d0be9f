// Signals to a single run (#17 item 5): a CI cancel sends SIGTERM, a person
// presses Ctrl-C (SIGINT). gander must stop at the next safe point, not die
// like kill -9: roll back the open transaction (or record the statement
// that completed, NO TRANSACTION), write its history event and snapshot,
// print what state it left, and exit 128 + the signal (143, 130). A second
// signal may end it at once. Each case interrupts migration 3 of the
// SlowThird set during its slow statement (reliability/in_flight.h).
#include <signal.h>

#include <thread>

#include <doctest/doctest.h>

#include "integration/harness.h"
#include "reliability/figures.h"
#include "reliability/in_flight.h"

using namespace gander::test;
using namespace std::chrono_literals;

namespace {

struct SignalCase {
  int signal;
  std::string name;
  bool no_transaction;
};

std::vector<SignalCase> SignalCases() {
  std::vector<SignalCase> cases = {{SIGTERM, "SIGTERM", false}, {SIGTERM, "SIGTERM", true}, {SIGINT, "SIGINT", false}};
  if (ProfileRuns(0) > 0) cases.push_back({SIGINT, "SIGINT", true});  // the long profile
  return cases;
}

// Checks one interrupted run; returns how many expectations failed.
int CheckStopped(InFlightUp& run, const SignalCase& c, const TimedResult& r) {
  int failed = 0;
  auto expect = [&](bool ok, const std::string& what) {
    CHECK_MESSAGE(ok, what);
    failed += ok ? 0 : 1;
  };
  expect(!r.hang, "gander was still running 30 s after the signal");
  expect(!r.signaled, "gander died of " + c.name + " instead of stopping at a safe point");
  expect(r.run.exit_code == 128 + c.signal, "exit " + std::to_string(r.run.exit_code) + ", not " +
                                               std::to_string(128 + c.signal));
  expect(Contains(r.run.err, c.name) && Contains(r.run.err, "migration 3"),
         "no line says that " + c.name + " stopped migration 3 and in what state: " + r.run.err);
  LedgerState state = run.State();
  Verdict v = Judge(run.set(), state);
  for (const std::string& p : v.problems) expect(false, p);
  expect(state.records[1] == 1 && state.records[2] == 1 && state.records.count(3) == 0,
         "migrations 1 and 2 must stay applied and 3 unrecorded");
  if (c.no_transaction) {
    // The statement that completed is recorded: the marker knows it.
    expect(state.dirty && state.dirty->version == 3 && !state.dirty->in_flight && state.dirty->done >= 1,
           "a NO TRANSACTION migration stopped by a signal is dirty with its completed statements counted");
  } else {
    expect(!state.dirty && state.notes.count("s3a") == 0, "migration 3's transaction must be rolled back");
  }
  bool has_event = false;
  for (const auto& e : run.History()) has_event = has_event || (e.at("version") == "3" && e.at("outcome") != "applied");
  expect(has_event, "history has no event for the interrupted migration 3");
  RunResult verify = RunGander(Args(Target(run.db(), run.dir()), {"audit", "verify"}));
  expect(verify.exit_code == 0, "the interrupted run's snapshot is missing: audit verify: " + verify.out);
  std::string why;
  expect(FinishJob(run.db(), run.dir(), run.set(), state, &why), why);
  return failed;
}

}  // namespace

// #17 item 5: a signal used to kill gander like kill -9 (exit 128+N by the
// signal, nothing written).
TEST_CASE("signals: SIGTERM and SIGINT stop a run at a safe point and say so (#17 item 5)") {
  for (const std::string& engine : TestEngines()) {
    SuiteFigures figures{"signals " + engine, 0, 0, 0, ""};
    int stopped_cleanly = 0;
    for (const SignalCase& c : SignalCases()) {
      CAPTURE(engine);
      CAPTURE(c.name);
      CAPTURE(c.no_transaction);
      InFlightUp run(engine, c.no_transaction);
      REQUIRE(run.Start());
      run.Signal(c.signal);
      TimedResult r = run.Wait(30s);
      ++figures.runs;
      ++figures.faults;
      int failed = CheckStopped(run, c, r);
      figures.inconsistencies += failed;
      stopped_cleanly += failed == 0 ? 1 : 0;
    }
    figures.note = std::to_string(stopped_cleanly) + " stopped at a safe point (exit 143/130, state printed, "
                   "history and snapshot written)";
    RecordFigures(figures);
  }
}

TEST_CASE("signals: a second SIGTERM ends gander at once, and the database stays explained") {
  for (const std::string& engine : TestEngines()) {
    CAPTURE(engine);
    InFlightUp run(engine, false);
    REQUIRE(run.Start());
    run.Signal(SIGTERM);
    std::this_thread::sleep_for(200ms);
    run.Signal(SIGTERM);
    TimedResult r = run.Wait(30s);
    CHECK_FALSE(r.hang);
    CHECK_MESSAGE(r.seconds < 2.0, "gander took " << r.seconds << " s after the second signal");
    LedgerState state = run.State();
    Verdict v = Judge(run.set(), state);
    for (const std::string& p : v.problems) FAIL_CHECK(p);
    std::string why;
    CHECK_MESSAGE(FinishJob(run.db(), run.dir(), run.set(), state, &why), why);
  }
}
