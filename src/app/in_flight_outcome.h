// What happened to the migration in flight when its connection was lost
// with the outcome of a request unknown (db/connection.h outcome_unknown:
// the reply of a COMMIT, of the tracking-table record, of a dirty-marker
// write or of a statement that commits on its own never came). The client
// cannot know; the server can: after a new connection has taken the
// migration lock again, its tracking table and dirty marker say what it
// kept, and what the client saw acknowledged fills in the rest. Never run
// again what the server committed (issue #17 item 1).
#pragma once

#include <optional>
#include <string>

#include "app/change_context.h"

namespace gander {

// What the client saw of the attempt whose connection was lost.
struct AttemptSeen {
  int first_statement = 0;  // where the attempt started (0-based)
  int acknowledged = 0;     // statements from first_statement on whose success reply came
  int in_doubt = -1;        // StepResult::in_doubt: the statement whose reply never came, or -1
};

struct InFlightVerdict {
  enum class Kind {
    kRecorded,  // the tracking table has the step done: it succeeded, nothing is run again
    kRunFrom,   // nothing from statement run_from on took effect: run from there (0: the whole step)
    kDirty,     // a statement may or may not have taken effect: dirty, the marker explains it
  };
  Kind kind = Kind::kRunFrom;
  int run_from = 0;
  std::string why;  // what the server's state showed, for the notice or the error
  std::optional<DirtyState> marker;  // the dirty marker read (SettleInFlight)
};

// Pure. The server's state after the loss (`versions`, `dirty`, read under
// the lock on a new connection) and what the client saw decide:
//   - the step's tracking change is there (up: version applied; down: its
//     rows gone)                                          -> kRecorded;
//   - no dirty marker, and the attempt started at statement 0: whatever ran
//     was in a transaction the server rolled back         -> kRunFrom 0;
//   - the step's marker, not in flight: statements before its count took
//     effect, none after                                  -> kRunFrom count;
//   - the step's marker with statement K in flight: K took effect if its
//     reply came (K < first + acknowledged); it never ran if it was never
//     sent (K not in doubt); else it is unknown           -> kRunFrom K+1 / K, or kDirty;
//   - anything else (another step's marker, a marker gone while the attempt
//     had started past statement 0)                       -> kDirty.
InFlightVerdict DecideInFlight(const StepInfo& step, const AttemptSeen& seen, const DbVersions& versions,
                               const std::optional<DirtyState>& dirty);

// Reads the tracking table and the dirty marker on the session's current
// connection (which the caller re-opened and re-locked) and decides.
Status SettleInFlight(ChangeContext& ctx, const StepInfo& step, const AttemptSeen& seen, InFlightVerdict* out);

}  // namespace gander
