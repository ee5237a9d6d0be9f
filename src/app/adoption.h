// What taking over another tool's record would do (app/adopt.h): a value,
// held by the ChangeContext between reading the state and the first change.
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "db/foreign_tracking.h"

namespace gander {

struct Adoption {
  ForeignTracking found;
  std::vector<int64_t> versions;  // to record as applied, ascending
  // Not OK (Status::Refused) when the table cannot be taken over as it is
  // (golang-migrate dirty, several rows, its version without a file; a dbmate
  // version that is no number): what to check and how to proceed, one line.
  Status problem;
};

}  // namespace gander
