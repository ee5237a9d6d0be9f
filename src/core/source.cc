#include "core/source.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <map>

namespace gander {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The version is the digits before the first '_', as in goose.
Status ParseVersion(const std::string& name, int64_t* version) {
  size_t sep = name.find('_');
  if (sep == std::string::npos) {
    return Status::Invalid("migration file name has no version: expected VERSION_name.sql").At(name);
  }
  std::string digits = name.substr(0, sep);
  bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!all_digits) {
    return Status::Invalid("migration file name must start with a numeric version, got \"" + digits + "\"").At(name);
  }
  errno = 0;
  long long v = std::strtoll(digits.c_str(), nullptr, 10);
  if (errno == ERANGE) return Status::Invalid("migration version is larger than a 64-bit integer").At(name);
  if (v < 1) return Status::Invalid("migration version must be greater than zero").At(name);
  *version = v;
  return Status::OK();
}

}  // namespace

Status DiscoverMigrations(const std::vector<std::string>& file_names,
                          std::vector<MigrationSource>* out) {
  std::map<int64_t, MigrationSource> by_version;
  std::map<int64_t, std::string> orphan_downs;  // .down.sql seen before (or without) its .up.sql

  std::vector<std::string> names = file_names;
  std::sort(names.begin(), names.end());  // deterministic error messages
  for (const std::string& name : names) {
    if (!EndsWith(name, ".sql")) continue;
    int64_t version = 0;
    GANDER_RETURN_IF_ERROR(ParseVersion(name, &version));

    if (EndsWith(name, ".down.sql")) {
      auto it = by_version.find(version);
      if (it != by_version.end() && it->second.format == SourceFormat::kPaired && it->second.down_file.empty()) {
        it->second.down_file = name;
      } else if (it != by_version.end()) {
        return Status::Invalid("duplicate migration version " + std::to_string(version) + ": " +
                               (it->second.down_file.empty() ? it->second.file : it->second.down_file) +
                               " and " + name).At(name);
      } else if (!orphan_downs.emplace(version, name).second) {
        return Status::Invalid("duplicate migration version " + std::to_string(version) + ": " +
                               orphan_downs[version] + " and " + name).At(name);
      }
      continue;
    }

    MigrationSource source;
    source.version = version;
    source.file = name;
    source.format = EndsWith(name, ".up.sql") ? SourceFormat::kPaired : SourceFormat::kGoose;
    auto [it, inserted] = by_version.emplace(version, source);
    if (!inserted) {
      return Status::Invalid("duplicate migration version " + std::to_string(version) + ": " +
                             it->second.file + " and " + name).At(name);
    }
  }

  for (const auto& [version, down] : orphan_downs) {
    auto it = by_version.find(version);
    if (it == by_version.end()) {
      return Status::Invalid("down migration has no matching up migration (VERSION_name.up.sql)").At(down);
    }
    if (it->second.format != SourceFormat::kPaired) {
      return Status::Invalid("duplicate migration version " + std::to_string(version) + ": " +
                             it->second.file + " and " + down).At(down);
    }
    it->second.down_file = down;
  }

  out->clear();
  for (auto& [version, source] : by_version) out->push_back(std::move(source));
  return Status::OK();
}

}  // namespace gander
