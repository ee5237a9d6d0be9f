// Recovering a dirty or drifted database: resume a migration that stopped
// part-way, force a version's record, repair (re-record) checksums. Each
// runs after BeginChange(ctx, DirtyPolicy::kAllow) and RefuseReadOnly; the
// confirmation (--yes) is the caller's.
#pragma once

#include "app/change_context.h"

namespace gander {

// Where `resume` continues in `part` (the dirty direction's statements).
// After a crash the statement that was running (in flight) may or may not
// have taken effect: --in-flight done|redo says which; otherwise a schema
// statement is re-run to find out ("already exists"/"does not exist" means
// it had taken effect; either way a notice says what was found), and a data
// statement, which cannot be checked that way, is refused.
Status ResumePoint(ChangeContext& ctx, const DirtyState& dirty, const MigrationPart& part, int* first);

struct ResumeResult {
  bool resumed = false;  // false: nothing was dirty
  DirtyState dirty;      // what was resumed
  int first = 0;         // the first statement run (0-based)
};

// resume: continues the dirty migration from its first statement not done
// and records it, with its audit trail. Refuses when the file is gone, has
// no part for the dirty direction, or no longer has the statement count the
// failed run had.
Status Resume(ChangeContext& ctx, ResumeResult* out);

// force V: records `version` as done in the dirty direction without running
// SQL (applied, unless V is dirty in its down part: then rolled back), takes
// its file's checksums as the drift reference when it is marked applied and
// parses, and clears the dirty marker; one transaction, with its audit event.
Status Force(ChangeContext& ctx, int64_t version, bool* marked_applied);

// repair: re-records the checksums of every applied migration that has a
// file, from the file as it is now; one transaction. `repaired` lists them.
Status Repair(ChangeContext& ctx, std::vector<int64_t>* repaired);

}  // namespace gander
