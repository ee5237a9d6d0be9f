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

// How many bytes of a control character start at name[i]: 1 (C0, DEL), 2
// (a UTF-8 C1 control), or 0.
size_t ControlLength(const std::string& name, size_t i) {
  unsigned char c = static_cast<unsigned char>(name[i]);
  if (c < 0x20 || c == 0x7f) return 1;
  unsigned char next = i + 1 < name.size() ? static_cast<unsigned char>(name[i + 1]) : 0;
  return c == 0xc2 && next >= 0x80 && next <= 0x9f ? 2 : 0;
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
  std::map<int64_t, MigrationSource> by_version;
  std::map<int64_t, std::string> orphan_downs;  // .down.sql seen before (or without) its .up.sql

  std::vector<std::string> names = file_names;
  std::sort(names.begin(), names.end());  // deterministic error messages
  for (const std::string& name : names) {
    if (!EndsWith(name, ".sql")) continue;
    for (size_t i = 0; i < name.size(); ++i) {
      if (size_t length = ControlLength(name, i)) {
        return Status::Invalid("migration file name holds a control character (" +
                               EscapeControlCharacters(name.substr(i, length)) + "); rename the file")
            .At(EscapeControlCharacters(name));
      }
    }
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
