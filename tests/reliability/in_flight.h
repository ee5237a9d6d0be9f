// `gander up` of the SlowThird set (reliability/ledger.h) caught while its
// third migration's slow statement runs: migrations 1 and 2 are applied and
// recorded, migration 3 is in flight. For signals and kills aimed at a
// migration under way (signal_test.cc, audit_interrupted_test.cc).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "reliability/ledger.h"
#include "reliability/timed_run.h"

namespace gander::test {

class InFlightUp {
 public:
  // A scratch database on `engine` with the ledger table and the set's files.
  InFlightUp(const std::string& engine, bool no_transaction);

  // Runs gander directly with `command` (e.g. {"up-to", "1"}); its exit code.
  int Run(const std::vector<std::string>& command);
  // Starts `up` (plus `extra` arguments) in the background and returns once
  // migration 2 is recorded and migration 3's slow statement is under way;
  // false if that never happened within 20 s.
  bool Start(const std::vector<std::string>& extra = {});
  void Signal(int signal);
  TimedResult Wait(std::chrono::milliseconds deadline);

  ScratchDb& db() { return scratch_.db; }
  const std::string& dir() const { return scratch_.dir; }
  const LedgerSet& set() const { return scratch_.set; }
  // The state read directly; fails the test when it cannot be read.
  LedgerState State();
  // `history --json`'s events (fails the test when it fails).
  std::vector<std::map<std::string, std::string>> History();

 private:
  bool Recorded(int64_t version);

  LedgerScratch scratch_;
  std::unique_ptr<GanderProcess> process_;
};

}  // namespace gander::test
