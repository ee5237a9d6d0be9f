// Running gander under a hard deadline, for the suites where a hang is one
// of the outcomes being counted (relay faults, signals): the test, not
// gander, decides when waiting has gone on too long.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "integration/harness.h"

namespace gander::test {

struct TimedResult {
  RunResult run;
  double seconds = 0;
  bool hang = false;      // still running at the deadline: killed with SIGKILL by the test
  bool signaled = false;  // ended by a signal (run.exit_code is then 128 + the signal), not by exit()
};

// Waits for `process` until `deadline` from now, then kills it.
TimedResult WaitWithDeadline(GanderProcess& process, std::chrono::milliseconds deadline);
// Starts gander with `args` and waits for it as above.
TimedResult RunWithDeadline(const std::vector<std::string>& args, std::chrono::milliseconds deadline,
                            const std::map<std::string, std::string>& env = {});

// The last line of a text ("" if none), for one-line error checks.
std::string LastLine(const std::string& text);

}  // namespace gander::test
