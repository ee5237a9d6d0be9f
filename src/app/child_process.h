// Runs another program (a gander per fleet target) to completion and
// captures what it printed.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

struct ChildResult {
  int exit_code = -1;   // the program's exit code, or 128 + signal
  std::string out;      // everything it wrote to stdout
  std::string err;      // everything it wrote to stderr
  double seconds = 0;
};

// Runs argv[0] with `argv`, its environment this process's plus `env` (which
// wins). The child gets its own process group, so that a Ctrl-C meant for
// the fleet does not interrupt a migration half-way, and writes into
// anonymous memory files, not pipes, so that it finishes its work (and
// commits) even if this process is killed. Returns an error only when the
// program could not be started.
Status RunChild(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                ChildResult* out);

}  // namespace gander
