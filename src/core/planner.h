// Planning: which migrations a command runs, in which order, given the
// migration files and the tracking table's rows. Pure; follows goose v3's
// semantics (docs/commands.md) so that goose and gander agree on a database.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/migration.h"
#include "core/status.h"

namespace gander {

// One row of goose's tracking table.
struct TrackingRow {
  int64_t id = 0;
  int64_t version = 0;
  bool applied = true;
  std::string tstamp;
};

struct AppliedVersion {
  int64_t version = 0;
  std::string tstamp;  // when the deciding row was written
};

// The database's migration state derived from its tracking rows.
struct DbVersions {
  // Applied versions in the order they were applied (by the id of the row
  // that decides them: a version's newest row wins). goose's version-0 row
  // (the table's oldest) is not one; a paired folder's migration 0, recorded
  // as a later version-0 row, is.
  std::vector<AppliedVersion> applied;
  // goose's "current version": the most recently applied one, 0 if none.
  int64_t current() const { return applied.empty() ? 0 : applied.back().version; }
  bool IsApplied(int64_t version) const;
  // O(log n): planning and status look up every file's version.
  const AppliedVersion* Find(int64_t version) const;

 private:
  mutable std::vector<std::pair<int64_t, size_t>> index_;  // (version, position), sorted; built on first Find
};

DbVersions SummarizeRows(const std::vector<TrackingRow>& rows);

struct PlanStep {
  Direction direction = Direction::kUp;
  size_t source = 0;  // index into the sources vector given to the planner
  int64_t version = 0;
};

struct Plan {
  std::vector<PlanStep> steps;
  int64_t version_before = 0;
  int64_t version_after = 0;
};

constexpr int64_t kLatest = std::numeric_limits<int64_t>::max();

struct UpRequest {
  int64_t target = kLatest;  // up-to V
  size_t max_steps = 0;      // up-by-one: 1; 0 = no limit
  bool allow_missing = false;
};

// Pending migrations up to the target, ascending. Without allow_missing, a
// pending migration older than the newest applied one is an error listing them.
Status PlanUp(const std::vector<MigrationSource>& sources, const DbVersions& db,
              const UpRequest& request, Plan* out);

struct DownRequest {
  size_t steps = 1;             // down / down --steps N
  int64_t to_version = -1;      // down-to V (overrides steps when >= 0)
};

// Rolls back the current version repeatedly, newest applied first, as goose
// does. Refuses (kRefused) when an applied version to roll back has no file.
// Rolling back at version 0 is an error; down-to at or below V plans nothing.
Status PlanDown(const std::vector<MigrationSource>& sources, const DbVersions& db,
                const DownRequest& request, Plan* out);

// Every applied migration that has a file, newest version first (goose reset).
Status PlanReset(const std::vector<MigrationSource>& sources, const DbVersions& db, Plan* out);

// Down then up of the current version (goose redo).
Status PlanRedo(const std::vector<MigrationSource>& sources, const DbVersions& db, Plan* out);

// -no-versioning, as goose: the tracking table is neither read nor written,
// so the plan comes from the files alone. Up: every migration up to
// `target` in version order, at most `max_steps` (0: no limit). Down: the
// newest first, at most `max_steps` (0: all of them), stopping at the first
// at or below `target` (-1: none). Rolling back with no migrations is an
// error. The plan's versions stay 0.
Status PlanWithoutVersioning(const std::vector<MigrationSource>& sources, Direction direction, int64_t target,
                             size_t max_steps, Plan* out);

// The index of `version` in sources, or -1.
int FindSource(const std::vector<MigrationSource>& sources, int64_t version);

}  // namespace gander
