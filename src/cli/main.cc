#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Nothing should throw past the driver and CLI layers; if a library still
  // does, the user gets a one-line error instead of an abort.
  try {
    return gander::RunCli(args);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gander: internal error: %s\n", e.what());
    return 1;
  }
}
