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
  *version = v;
  return Status::OK();
}

// How many bytes of a control character start at name[i]: 1 (C0, DEL), 2
// (a UTF-8 C1 control), or 0.
size_t ControlLength(const std::string& name, size_t i) {
  unsigned char c = static_cast<unsigned char>(name[i]);
  if (c < 0x20 || c == 0x7f) return 1;
  unsigned char next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
  return c == 0xc2 && next >= 0x80 && next <= 0x9f ? 2 : 0;
}

// The files that carry one version.
struct VersionFiles {
  std::vector<std::string> goose, ups, downs;  // each sorted by name
};

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

// One version's migration, or the problem with its files.
Status SourceFor(int64_t version, const VersionFiles& f, MigrationSource* out) {
  std::string v = std::to_string(version);
  std::vector<std::string> ups = f.goose;
  ups.insert(ups.end(), f.ups.begin(), f.ups.end());
  if (ups.size() > 1) {
    return Status::Invalid("duplicate migration version " + v + ": " + Joined(ups) +
                           " (give all but one of them a new version)").At(ups[1]);
  }
  if (f.downs.size() > 1) {
    return Status::Invalid("duplicate migration version " + v + ": " + Joined(f.downs) +
                           " (give all but one of them a new version)").At(f.downs[1]);
  }
  if (!f.goose.empty() && !f.downs.empty()) {
    return Status::Invalid("duplicate migration version " + v + ": " + f.goose[0] + " and " + f.downs[0] +
                           " (a goose file holds both directions)").At(f.downs[0]);
  }
  if (ups.empty()) {
    // As golang-migrate reads it: a version with only a down file is a
    // migration whose up does nothing (concourse writes such ups in Go).
    *out = MigrationSource();
    out->version = version;
    out->file = f.downs[0];
    out->down_file = f.downs[0];
    out->format = SourceFormat::kPaired;
    out->up_missing = true;
    return Status::OK();
  }
  bool paired = f.goose.empty();
  if (version == 0 && !paired) {
    return Status::Invalid("migration version must be greater than zero (version 0 is allowed for "
                           ".up.sql/.down.sql files only, as golang-migrate allows it)").At(ups[0]);
  }
  *out = MigrationSource();
  out->version = version;
  out->file = ups[0];
  out->format = paired ? SourceFormat::kPaired : SourceFormat::kGoose;
  if (paired && !f.downs.empty()) out->down_file = f.downs[0];
  return Status::OK();
}

}  // namespace

std::string EscapeControlCharacters(const std::string& name) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    size_t control = ControlLength(name, i);
    if (c == '\\') {
      out += "\\\\";
    } else if (control == 2) {
      unsigned char next = static_cast<unsigned char>(name[++i]);
      out += std::string("\\u00") + kHex[next >> 4] + kHex[next & 15];
    } else if (control == 0) {
      out += static_cast<char>(c);
    } else if (c == '\n' || c == '\t' || c == '\r') {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
    } else {
      out += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    }
  }
  return out;
}

Status DiscoverMigrations(const std::vector<std::string>& file_names,
                          std::vector<MigrationSource>* out) {
  std::vector<std::string> names = file_names;
  std::sort(names.begin(), names.end());  // deterministic error messages
  std::vector<Status> problems;           // every bad file, not only the first
  std::map<int64_t, VersionFiles> by_version;
  for (const std::string& name : names) {
    if (!EndsWith(name, ".sql")) continue;
    for (size_t i = 0; i < name.size(); ++i) {
      if (size_t length = ControlLength(name, i)) {
        problems.push_back(Status::Invalid("migration file name holds a control character (" +
                                           EscapeControlCharacters(name.substr(i, length)) + "); rename the file")
                               .At(EscapeControlCharacters(name)));
        break;
      }
    }
    if (!problems.empty() && problems.back().file() == EscapeControlCharacters(name)) continue;
    int64_t version = 0;
    Status st = ParseVersion(name, &version);
    if (!st.ok()) {
      problems.push_back(st);
      continue;
    }
    // Up and down files pair by version only: `1_x..up.sql` and `1_x.down.sql` are one migration.
    VersionFiles& files = by_version[version];
    (EndsWith(name, ".down.sql") ? files.downs : EndsWith(name, ".up.sql") ? files.ups : files.goose).push_back(name);
  }

  out->clear();
  for (const auto& [version, files] : by_version) {
    MigrationSource source;
    Status st = SourceFor(version, files, &source);
    if (st.ok()) {
      out->push_back(std::move(source));
    } else {
      problems.push_back(st);
    }
  }
  if (!problems.empty()) out->clear();
  return Status::Combine(std::move(problems), "in the migration file names");
}

}  // namespace gander
