// The targets file of `gander fleet`: named databases with driver, DSN and
// labels, patterns that expand to many (SQLite files, PostgreSQL schemas or
// databases), and per-label deadlines. Pure: text in, values out; the
// expansion that needs a file system or a server is in app/fleet_targets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/parser.h"  // EnvLookup
#include "core/status.h"

namespace gander {

// `key=glob` or `key!=glob` over a target's labels; the key `name` is the
// target's name. A missing label never matches `=` and always matches `!=`.
struct Selector {
  std::string key;
  std::string pattern;  // fnmatch(3) glob
  bool negate = false;
};

// Parses `tier=gold,region!=eu-*` (comma-separated, all must match).
Status ParseSelectors(const std::string& text, std::vector<Selector>* out);
bool SelectorsMatch(const std::vector<Selector>& selectors, const std::string& name,
                    const std::map<std::string, std::string>& labels);

// Lock, statement and per-migration time limits in seconds; unset = the
// command line's value.
struct Deadlines {
  std::optional<double> lock_timeout, statement_timeout, migration_timeout;
};

// One entry of the file. At most one of glob / schemas / databases is set.
struct TargetSpec {
  std::string name;     // may hold {file}, {schema} or {database}
  std::string driver;   // as written; app/fleet_targets canonicalizes it
  std::string dsn;      // after ${VAR} expansion
  std::string schema;   // PostgreSQL: run in this schema (search_path)
  std::string table;    // tracking table; empty = the command line's
  std::string glob;     // SQLite: every file matching, relative to the targets file
  std::string schemas;  // PostgreSQL: every schema matching, in the DSN's database
  std::string databases;  // PostgreSQL or MySQL: every database matching, on the DSN's server
  std::map<std::string, std::string> labels;
  Deadlines deadlines;
};

struct DeadlineRule {
  std::vector<Selector> select;
  Deadlines deadlines;
};

struct TargetsFile {
  std::vector<TargetSpec> targets;
  std::vector<DeadlineRule> deadlines;  // first matching rule wins
};

// Parses the JSON targets file (docs/scale.md). `${VAR}` in a DSN is
// expanded from `env` (an unset variable is an error) so that passwords stay
// out of the file. Errors name the entry: `targets[2] ("eu-1"): ...`.
Status ParseTargetsFile(const std::string& text, const EnvLookup& env, TargetsFile* out);

// One database to run a command on, after expansion.
struct FleetTarget {
  std::string name;
  std::string driver;
  std::string dsn;
  std::string table;  // empty = the command line's
  std::map<std::string, std::string> labels;
  Deadlines deadlines;  // rule and entry merged; unset = the command line's
};

// The name of one expansion of `spec`: its {placeholder} replaced by `item`,
// or `name:item` when the name holds no placeholder.
std::string ExpandedTargetName(const std::string& name, const std::string& placeholder, const std::string& item);

// The deadlines for a target: the entry's own, else the first matching rule's.
Deadlines DeadlinesFor(const TargetsFile& file, const TargetSpec& spec, const std::string& name,
                       const std::map<std::string, std::string>& labels);

// Whether `name` matches a schema/database pattern (fnmatch glob).
bool NameMatches(const std::string& pattern, const std::string& name);

// Checks that every target name is unique; the error names the duplicate.
Status CheckUniqueNames(const std::vector<FleetTarget>& targets);

}  // namespace gander
