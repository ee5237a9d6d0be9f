// Migration parts written inline for engine unit tests: statement i sits
// on line 2 + i, as if the file began with `-- +goose Up`.
#pragma once

#include <string>
#include <vector>

#include "core/migration.h"

namespace gander::test {

inline MigrationPart Part(const std::vector<std::string>& statements, bool use_tx = true) {
  MigrationPart part;
  part.use_tx = use_tx;
  for (size_t i = 0; i < statements.size(); ++i) part.statements.push_back({statements[i], static_cast<int>(i) + 2});
  return part;
}

}  // namespace gander::test
