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
  bool ok() const { return problems.empty(); }
};

struct VerifySummary {
  int verified = 0;  // migrations that held
  int applied = 0;   // migrations at or below the base, applied without checks
  bool failed = false;  // stopped at a migration that breaks (the last one reported)
};

// Runs the check over every pending migration in order, after
// BeginChange(ctx, kRefuse) and RefuseReadOnly. Refuses a database that
// already holds tables unless allow_nonempty. Reports each migration checked
// to `checked` as soon as it is done and stops at the first that breaks.
// Leaves the database migrated to the latest version. A migration file that
// does not parse, or that fails while applied before the base, is an error.
Status RunVerify(ChangeContext& ctx, const VerifyOptions& options,
                 const std::function<void(const Verification&)>& checked, VerifySummary* summary);

}  // namespace gander
