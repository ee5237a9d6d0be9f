#include "core/create.h"

#include <cctype>
#include <cstdio>

namespace gander {
namespace {

// "AddUsers", "add users", "add-users" -> "add_users".
std::string SnakeCase(const std::string& name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c)) {
      bool boundary = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                                std::isdigit(static_cast<unsigned char>(name[i - 1])));
      if (boundary && !out.empty() && out.back() != '_') out += '_';
      out += static_cast<char>(std::tolower(c));
    } else if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

const char kSqlTemplate[] =
    "-- +goose Up\n"
    "-- +goose StatementBegin\n"
    "SELECT 'up SQL query';\n"
    "-- +goose StatementEnd\n"
    "\n"
    "-- +goose Down\n"
    "-- +goose StatementBegin\n"
    "SELECT 'down SQL query';\n"
    "-- +goose StatementEnd\n";

}  // namespace

Status PlanCreate(const std::string& name, const std::string& type, bool sequential,
                  const std::vector<int64_t>& existing_versions, std::time_t now, CreatedFile* out) {
  if (type != "sql") {
    return Status::Invalid("migration type \"" + type + "\" is not supported: gander runs SQL migrations only");
  }
  std::string snake = SnakeCase(name);
  if (snake.empty()) return Status::Invalid("migration name \"" + name + "\" has no letters or digits");
  char version[32];
  if (sequential) {
    int64_t last = 0;
    for (int64_t v : existing_versions) {
      if (v < kTimestampVersionFloor && v > last) last = v;
    }
    std::snprintf(version, sizeof version, "%05lld", static_cast<long long>(last + 1));
  } else {
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(version, sizeof version, "%Y%m%d%H%M%S", &utc);
  }
  out->file_name = std::string(version) + "_" + snake + ".sql";
  out->text = kSqlTemplate;
  return Status::OK();
}

}  // namespace gander
