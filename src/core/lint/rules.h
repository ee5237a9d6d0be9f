// The lint rules: one table with each rule's id, default severity, engines,
// the part it looks at, a one-line summary and fix; and the Finding value
// the checks produce. docs/lint.md has one entry per rule (#gl101, ...).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/lint/sql_types.h"
#include "core/migration.h"

namespace gander::lint {

enum class Severity { kOff, kWarning, kError };

// "off", "warning", "error".
const char* SeverityName(Severity s);

// Engines a rule applies to (bits).
constexpr unsigned kPostgresOnly = 1u << static_cast<unsigned>(Engine::kPostgres);
constexpr unsigned kMySqlOnly = 1u << static_cast<unsigned>(Engine::kMySql);
constexpr unsigned kSqliteOnly = 1u << static_cast<unsigned>(Engine::kSqlite);
constexpr unsigned kAllEngines = kPostgresOnly | kMySqlOnly | kSqliteOnly;

// Which parts of a migration a rule reads.
enum class RulePart {
  kUp,      // the up part (as it is deployed)
  kDown,    // the down part (as a rollback)
  kBoth,    // either part
  kFile,    // the file itself: lint-ignore directives, a missing or empty down part; never a pre-flight refusal
};

struct RuleInfo {
  const char* id;        // GL101 ... : stable, used in lint-ignore and gander.json
  Severity severity;     // default
  unsigned engines;      // kAllEngines = engine-neutral: also runs without an engine
  RulePart part;
  const char* summary;   // what it finds, one line
  const char* fix;       // the safe pattern, one line
  // Engines on which the default is only a warning (the statement runs
  // there, where elsewhere it fails): GL203 is an error on SQLite only.
  unsigned warning_on = 0;
};

// Every rule, in id order.
const std::vector<RuleInfo>& Rules();

// The rule with this id (case-insensitive), or nullptr.
const RuleInfo* FindRule(const std::string& id);

// The rule's severity on `engine` after the overrides of gander.json (rule
// id -> severity), which apply on every engine.
Severity EffectiveSeverity(const RuleInfo& rule, const std::map<std::string, Severity>& overrides,
                           std::optional<Engine> engine = std::nullopt);

// True when the rule runs for `engine` (nullopt: no engine given, only
// engine-neutral rules run).
bool RuleApplies(const RuleInfo& rule, std::optional<Engine> engine);

// One finding: where, which rule, how severe, what and how to fix it.
struct Finding {
  std::string rule;
  Severity severity = Severity::kWarning;
  std::string file;       // as given to the linter (the migration file holding the statement)
  int line = 0;           // 1-based
  int64_t version = 0;
  Direction direction = Direction::kUp;
  std::string message;
  std::string fix;
};

}  // namespace gander::lint
