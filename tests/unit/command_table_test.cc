// The command table's properties: what the dispatcher, the fleet and the
// confirmations read instead of lists of command names.
#include "cli/command_table.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace gander;

namespace {

std::set<std::string> With(CommandProperty p) {
  std::set<std::string> names;
  for (const CommandInfo& c : Commands()) {
    if (c.Has(p)) names.insert(c.name);
  }
  return names;
}

}  // namespace

TEST_CASE("command properties: the lists the dispatcher, fleet and confirmations used to spell out") {
  using S = std::set<std::string>;
  CHECK(With(kChangesDatabase) ==
        S{"up", "up-by-one", "up-to", "down", "down-to", "redo", "reset", "repair", "resume", "force", "verify"});
  // A changing command without a dry run refuses --dry-run.
  S no_dry_run;
  for (const std::string& name : With(kChangesDatabase)) {
    if (!FindCommand(name)->Has(kDryRun)) no_dry_run.insert(name);
  }
  CHECK(no_dry_run == S{"resume", "force", "repair", "verify"});
  CHECK(With(kInFleet) == S{"status", "version", "validate", "verify", "history", "schema", "datasum", "up",
                            "up-by-one", "up-to", "down", "down-to", "redo", "resume"});
  CHECK(With(kRollsBack) == S{"down", "down-to", "redo", "reset"});
  CHECK(With(kConfirmRollback) == S{"down-to", "reset"});
  CHECK(With(kConfirmSteps) == S{"down"});
  CHECK(With(kNeedsYes) == S{"force", "repair"});
  // Only commands that touch a database change one.
  for (const std::string& name : With(kChangesDatabase)) CHECK(FindCommand(name)->needs_database);
}
