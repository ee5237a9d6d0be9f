// `create NAME [sql]`: the new migration's file name and goose's template.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

struct CreatedFile {
  std::string file_name;
  std::string text;
};

// Version: the UTC time `now` as YYYYMMDDHHMMSS, or with `sequential` the
// highest sequential existing version + 1, as %05d (goose's rules). The name
// becomes snake_case. Only `sql` migrations exist in gander.
Status PlanCreate(const std::string& name, const std::string& type, bool sequential,
                  const std::vector<int64_t>& existing_versions, std::time_t now, CreatedFile* out);

// goose treats versions above this as timestamps (YYYYMMDDHHMMSS).
constexpr int64_t kTimestampVersionFloor = 19700101000000;

}  // namespace gander
