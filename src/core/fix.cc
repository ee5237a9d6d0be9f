#include "core/fix.h"

#include <cstdio>

#include "core/create.h"

namespace gander {
namespace {

std::string Renumber(const std::string& file, const std::string& version) {
  return version + file.substr(file.find('_'));
}

}  // namespace

std::vector<Rename> PlanFix(const std::vector<MigrationSource>& sources) {
  int64_t next = 1;
  for (const MigrationSource& s : sources) {
    if (s.version < kTimestampVersionFloor && s.version >= next) next = s.version + 1;
  }
  std::vector<Rename> renames;
  for (const MigrationSource& s : sources) {  // sorted by version
    if (s.version < kTimestampVersionFloor) continue;
    char version[32];
    std::snprintf(version, sizeof version, "%05lld", static_cast<long long>(next++));
    renames.push_back({s.file, Renumber(s.file, version)});
    if (!s.down_file.empty()) renames.push_back({s.down_file, Renumber(s.down_file, version)});
  }
  return renames;
}

}  // namespace gander
