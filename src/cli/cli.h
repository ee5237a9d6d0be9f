// Entry point of the command line: argv in, exit code out.
#pragma once

#include <string>
#include <vector>

namespace gander {

// Runs gander with `args` (argv without the program name).
int RunCli(const std::vector<std::string>& args);

}  // namespace gander
