#include "cli/did_you_mean.h"

#include <algorithm>

#include "cli/command_table.h"
#include "db/connection.h"

namespace gander {
namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

bool IsCommand(const std::string& word) { return word == "plan" || FindCommand(word) != nullptr; }

std::string Unknown(const std::string& word) {
  std::string text = "unknown command \"" + word + "\"";
  std::string closest = ClosestCommand(word);
  if (!closest.empty()) text += "; did you mean " + closest + "?";
  return text + " (gander --help lists the commands)";
}

}  // namespace

std::string ClosestCommand(const std::string& word) {
  std::string best;
  size_t best_distance = 3;
  std::vector<std::string> names = {"plan"};
  for (const CommandInfo& c : Commands()) names.push_back(c.name);
  for (const std::string& name : names) {
    size_t d = EditDistance(word, name);
    if (d < best_distance && d < word.size()) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

Status CommandWordError(const std::vector<std::string>& words) {
  if (words.empty()) return Status::Invalid("no command given, e.g. gander status (gander --help lists the commands)");
  if (words.size() >= 2 && IsCommand(words[1]) && (words.size() < 3 || !IsCommand(words[2]))) {
    // One word before the command: DRIVER or DBSTRING alone.
    bool is_driver = CanonicalDriver(words[0]).has_value();
    std::string give = is_driver ? "\"): give the DBSTRING after the DRIVER" : "\"): give the DRIVER before the DBSTRING";
    return Status::Invalid(std::string("\"") + words[1] + "\" after one word (\"" + words[0] + give +
                           " (gander [flags] DRIVER DBSTRING " + words[1] +
                           "), or neither, with both GOOSE_DRIVER and GOOSE_DBSTRING set");
  }
  if (words.size() == 1) return Status::Invalid(Unknown(words[0]));
  if (words.size() == 2) {
    return Status::Invalid("no command given after DRIVER DBSTRING, e.g. gander " + words[0] + " ... status");
  }
  return Status::Invalid(Unknown(words[2]));
}

}  // namespace gander
