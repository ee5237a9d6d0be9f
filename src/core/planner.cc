#include "core/planner.h"

#include <algorithm>
#include <map>

namespace gander {

bool DbVersions::IsApplied(int64_t version) const { return Find(version) != nullptr; }

const AppliedVersion* DbVersions::Find(int64_t version) const {
  if (index_.size() != applied.size()) {
    index_.clear();
    for (size_t i = 0; i < applied.size(); ++i) index_.push_back({applied[i].version, i});
    std::sort(index_.begin(), index_.end());
  }
  auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(version, size_t{0}));
  return it != index_.end() && it->first == version ? &applied[it->second] : nullptr;
}

DbVersions SummarizeRows(const std::vector<TrackingRow>& rows) {
  std::vector<TrackingRow> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const TrackingRow& a, const TrackingRow& b) { return a.id < b.id; });
  // A version's newest row decides whether it is applied (older databases
  // may hold is_applied = false rows; goose itself only deletes). The oldest
  // version-0 row is goose's own, written with the table ("nothing applied"),
  // and never counts: a paired folder's migration 0 is recorded as a later
  // version-0 row (docs/file-format.md, "Version 0").
  std::map<int64_t, const TrackingRow*> newest;
  bool goose_zero_seen = false;
  for (const TrackingRow& row : sorted) {
    if (row.version == 0 && !goose_zero_seen) {
      goose_zero_seen = true;
      continue;
    }
    newest[row.version] = &row;
  }

  std::vector<const TrackingRow*> deciding;
  for (const auto& [version, row] : newest) {
    if (row->applied) deciding.push_back(row);
  }
  std::sort(deciding.begin(), deciding.end(),
            [](const TrackingRow* a, const TrackingRow* b) { return a->id < b->id; });
  DbVersions out;
  for (const TrackingRow* row : deciding) out.applied.push_back({row->version, row->tstamp});
  return out;
}

int FindSource(const std::vector<MigrationSource>& sources, int64_t version) {
  auto it = std::lower_bound(sources.begin(), sources.end(), version,
                             [](const MigrationSource& s, int64_t v) { return s.version < v; });
  if (it == sources.end() || it->version != version) return -1;
  return static_cast<int>(it - sources.begin());
}

Status PlanUp(const std::vector<MigrationSource>& sources, const DbVersions& db,
              const UpRequest& request, Plan* out) {
  *out = Plan();
  out->version_before = db.current();
  int64_t max_applied = 0;
  for (const AppliedVersion& a : db.applied) max_applied = std::max(max_applied, a.version);

  std::vector<const MigrationSource*> missing;
  for (size_t i = 0; i < sources.size(); ++i) {
    const MigrationSource& s = sources[i];
    if (db.IsApplied(s.version)) continue;
    if (s.version < max_applied) missing.push_back(&s);
    if (s.version > request.target) continue;
    if (request.max_steps != 0 && out->steps.size() >= request.max_steps) continue;
    out->steps.push_back({Direction::kUp, i, s.version});
  }
  if (!missing.empty() && !request.allow_missing) {
    std::string list;
    for (const MigrationSource* s : missing) {
      if (!list.empty()) list += ", ";
      list += s->file;
    }
    *out = Plan();
    return Status::Invalid("found " + std::to_string(missing.size()) +
                           " missing migration(s) older than the newest applied version " +
                           std::to_string(max_applied) + ": " + list +
                           " (apply them out of order with -allow-missing)");
  }
  out->version_after = out->steps.empty() ? out->version_before : out->steps.back().version;
  return Status::OK();
}

Status PlanDown(const std::vector<MigrationSource>& sources, const DbVersions& db,
                const DownRequest& request, Plan* out) {
  *out = Plan();
  out->version_before = db.current();
  std::vector<AppliedVersion> remaining = db.applied;
  bool to_version = request.to_version >= 0;
  if (!to_version && remaining.empty()) {
    return Status::Failed("no migration to roll back: the current version is 0");
  }
  while (!remaining.empty()) {
    int64_t current = remaining.back().version;
    if (to_version ? current <= request.to_version : out->steps.size() >= request.steps) break;
    int index = FindSource(sources, current);
    if (index < 0) {
      *out = Plan();
      return Status::Refused("version " + std::to_string(current) +
                             " is applied but no migration file has that version; cannot roll it back");
    }
    out->steps.push_back({Direction::kDown, static_cast<size_t>(index), current});
    remaining.pop_back();
  }
  if (!to_version && out->steps.size() < request.steps) {
    size_t asked = request.steps;
    *out = Plan();
    return Status::Invalid("cannot roll back " + std::to_string(asked) + " migrations: only " +
                           std::to_string(db.applied.size()) + " applied");
  }
  out->version_after = remaining.empty() ? 0 : remaining.back().version;
  return Status::OK();
}

Status PlanReset(const std::vector<MigrationSource>& sources, const DbVersions& db, Plan* out) {
  *out = Plan();
  out->version_before = db.current();
  std::vector<int64_t> versions;
  for (const AppliedVersion& a : db.applied) versions.push_back(a.version);
  std::sort(versions.rbegin(), versions.rend());
  for (int64_t v : versions) {
    int index = FindSource(sources, v);
    if (index < 0) {
      *out = Plan();
      return Status::Refused("version " + std::to_string(v) +
                             " is applied but no migration file has that version; cannot reset");
    }
    out->steps.push_back({Direction::kDown, static_cast<size_t>(index), v});
  }
  out->version_after = 0;
  return Status::OK();
}

Status PlanRedo(const std::vector<MigrationSource>& sources, const DbVersions& db, Plan* out) {
  Plan down;
  GANDER_RETURN_IF_ERROR(PlanDown(sources, db, DownRequest{}, &down));
  *out = down;
  PlanStep up = down.steps.front();
  up.direction = Direction::kUp;
  out->steps.push_back(up);
  out->version_after = out->version_before;
  return Status::OK();
}

Status PlanWithoutVersioning(const std::vector<MigrationSource>& sources, Direction direction, int64_t target,
                             size_t max_steps, Plan* out) {
  *out = Plan();
  size_t limit = max_steps == 0 ? sources.size() : max_steps;
  if (direction == Direction::kUp) {
    for (size_t i = 0; i < sources.size() && out->steps.size() < limit; ++i) {
      if (sources[i].version > target) break;
      out->steps.push_back({Direction::kUp, i, sources[i].version});
    }
    return Status::OK();
  }
  if (sources.empty()) return Status::Failed("no migrations to roll back");
  for (size_t i = sources.size(); i-- > 0 && out->steps.size() < limit;) {
    if (sources[i].version <= target) break;
    out->steps.push_back({Direction::kDown, i, sources[i].version});
  }
  return Status::OK();
}

}  // namespace gander
