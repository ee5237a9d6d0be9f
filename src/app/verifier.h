// verify: proves on a scratch database that every down part is the inverse
// of its up part. For each pending migration: schema S0, up (S1), down (must
// give S0 again), up again (must give S1 again); with data checks, down+up
// must also give back the rows of every table the down part did not drop.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/change_context.h"

namespace gander {

struct VerifyOptions {
  bool data = false;           // --data: compare rows too
  int64_t base = -1;           // --only-new BASE (or --from V as V-1): applied without checks up to here
  bool allow_nonempty = false;  // --allow-nonempty: verify the pending migrations on top of existing tables
};

// One migration verified (or found to break).
struct Verification {
  int64_t version = 0;
  std::string file;
  std::vector<std::string> problems;  // empty: it holds
  // After a problem: the database is as the up part left it (no down part,
  // or a down part that failed and was rolled back), so the next migration
  // can still be verified on it.
  bool can_go_on = false;
  bool ok() const { return problems.empty(); }
};

struct VerifySummary {
  int verified = 0;  // migrations that held
  int applied = 0;   // migrations at or below the base, applied without checks
  int broken = 0;       // migrations that break
  bool failed = false;  // at least one breaks
  bool stopped = false;  // stopped at the last one reported: the later ones would start from a wrong schema
  int not_checked = 0;   // pending migrations after the one it stopped at
};

// Runs the check over every pending migration in order, after
// BeginChange(ctx, kRefuse) and RefuseReadOnly. Refuses a database that
// already holds tables unless allow_nonempty. Reports each migration checked
// to `checked` as soon as it is done. Goes on past a migration that breaks
// when the database is still as its up part left it (no down part: its up
// part is applied without checks; a down part that failed and was rolled
// back), so that one run lists every such migration; stops at any other
// (Verification::can_go_on). Leaves the database migrated to the latest
// version unless it stopped. A migration file that
// does not parse, or that fails while applied before the base, is an error.
Status RunVerify(ChangeContext& ctx, const VerifyOptions& options,
                 const std::function<void(const Verification&)>& checked, VerifySummary* summary);

}  // namespace gander
