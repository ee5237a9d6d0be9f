// Figures of the reliability suites: each suite adds a line, and the lines
// are written to $GANDER_RELIABILITY_FIGURES (default reliability-figures.txt
// in the working directory) when the test program ends, for .ci/run to print.
#pragma once

#include <cstdint>
#include <string>

namespace gander::test {

struct SuiteFigures {
  std::string suite;            // e.g. "crash up sqlite3"
  int runs = 0;
  int faults = 0;               // kills, restarts, concurrent runners ...
  int inconsistencies = 0;      // must stay 0
  std::string note;
};

void RecordFigures(const SuiteFigures& figures);

// The profile: GANDER_RELIABILITY_RUNS (default `short_runs`) and
// GANDER_RELIABILITY_SEED (default a fixed seed, so runs are reproducible).
int ProfileRuns(int short_runs);
uint32_t ProfileSeed();

}  // namespace gander::test
