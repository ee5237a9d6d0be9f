// goose spells long flags with one dash (`-dir x`, `-allow-missing`);
// CLI11 wants two. This rewrites the known ones before parsing.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace gander {

// Rewrites `-name` / `-name=value` to `--name` / `--name=value` when `name` is
// in `long_flags`. Single-letter flags, negative numbers, a lone `-` and
// everything after `--` are left alone.
std::vector<std::string> NormalizeArgs(const std::vector<std::string>& args,
                                       const std::set<std::string>& long_flags);

}  // namespace gander
