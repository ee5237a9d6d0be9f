#include "core/status.h"

namespace gander {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!file_.empty()) {
    out += file_;
    if (line_ > 0) out += ":" + std::to_string(line_);
    out += ": ";
  }
  return out + message_;
}

Status Status::Combine(std::vector<Status> problems, const std::string& summary) {
  if (problems.empty()) return OK();
  if (problems.size() == 1) return problems.front();
  // The exit code a user should act on first: a malformed file (2) must be
  // fixed before a refusal (3) matters, and both before a failure (1).
  auto rank = [](StatusCode code) {
    switch (code) {
      case StatusCode::kInvalid: return 4;
      case StatusCode::kRefused: return 3;
      case StatusCode::kLockTimeout: return 2;
      default: return 1;
    }
  };
  StatusCode code = problems.front().code();
  for (const Status& p : problems) {
    if (rank(p.code()) > rank(code)) code = p.code();
  }
  Status out(code, std::to_string(problems.size()) + " problems " + summary);
  out.problems_ = std::move(problems);
  return out;
}

}  // namespace gander
