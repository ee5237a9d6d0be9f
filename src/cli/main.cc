#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "cli/output.h"
#include "db/dsn.h"
#include "db/scrubbing_connection.h"

namespace {

// Masks the password of a DSN given on the command line in the process's own
// argv, so that `ps` and /proc/PID/cmdline do not show it while gander runs
// (as the mysql client does). The span RedactDsn would replace is starred
// over in place; the string keeps its length.
void HidePasswordsFromPs(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string original = argv[i];
    std::string redacted = gander::RedactDsn(original);
    if (redacted == original) continue;
    size_t first = 0;
    while (first < original.size() && first < redacted.size() && original[first] == redacted[first]) ++first;
    size_t last = 0;  // matching characters at the end
    while (last < original.size() - first && last < redacted.size() - first &&
           original[original.size() - 1 - last] == redacted[redacted.size() - 1 - last]) {
      ++last;
    }
    std::memset(argv[i] + first, '*', original.size() - first - last);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  HidePasswordsFromPs(argc, argv);
  // Nothing should throw past the driver and CLI layers; if a library still
  // does, the user gets a one-line error instead of an abort.
  try {
    return gander::RunCli(args);
  } catch (const std::exception& e) {
    // Before RunCli knew the settings: the secrets of any DSN in argv or in
    // the environment's DBSTRING variables are masked.
    gander::Output out(false, false);
    for (const std::string& arg : args) out.AddSecrets(gander::ScrubberFor("", arg));
    for (const char* name : {"GOOSE_DBSTRING", "GANDER_DBSTRING"}) {
      if (const char* dsn = std::getenv(name)) out.AddSecrets(gander::ScrubberFor("", dsn));
    }
    out.Notice(std::string("internal error: ") + e.what());
    return 1;
  }
}
