// One case of the relay suite: gander runs a three-migration set against a
// real server through the fault-injecting relay (relay/relay.h), one fault
// aimed at one phase of migration 2; then the database is read directly and
// judged (reliability/ledger.h), and `resume`/`up` run directly must finish
// the job. tests/reliability/README.md lists the phases and modes.
#pragma once

#include <string>
#include <vector>

#include "relay/relay.h"
#include "reliability/ledger.h"
#include "reliability/timed_run.h"

namespace gander::test {

struct RelayCase {
  std::string engine;           // postgres | mysql
  bool no_transaction = false;  // the NO TRANSACTION set, else the transactional one
  // connect, auth, lock, statement (migration 2's first, a data statement),
  // ddl (its CREATE TABLE), marker (the dirty-marker write before that DDL),
  // record (its tracking-table INSERT), commit (the COMMIT after the record),
  // snapshot (the audit snapshot's INSERT at the end of the run).
  std::string phase;
  FaultMode mode = FaultMode::kPass;
  bool later = false;           // the fault stays: new connections meet it too
  std::string command = "up";   // or status

  std::string Name() const;     // "postgres NO TRANSACTION drop-after at commit"
};

struct RelayOutcome {
  RelayCase c;
  TimedResult run;                    // gander through the relay
  bool fired = false;                 // the fault struck
  int connections = 0;                // that gander opened through the relay
  Verdict after;                      // the database right after the faulty run
  std::vector<std::string> problems;  // empty: the case passed
  std::string transcript;             // what gander sent, kept when it failed
  std::string reproduce;              // gander_relay + gander command lines
  bool passed() const { return problems.empty(); }
};

// The relay fault that strikes `c.phase` of migration 2 in `c.mode`.
Fault AimAt(const RelayCase& c);
// Runs one case from start to end; never fails the test itself (safe to
// call from worker threads), everything wrong goes to `problems`.
RelayOutcome RunRelayCase(const RelayCase& c, std::chrono::milliseconds deadline);
// The short (CI) or long profile's cases on the given engines.
std::vector<RelayCase> RelayCases(const std::vector<std::string>& engines, bool long_profile);

}  // namespace gander::test
