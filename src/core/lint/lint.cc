#include "core/lint/lint.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/lint/directives.h"
#include "core/lint/rule_context.h"

namespace gander::lint {
namespace {

PartView Classify(const LintMigration& m, Direction direction, const MigrationPart& part, SqlFlavor flavor) {
  PartView view;
  view.migration = &m;
  view.direction = direction;
  view.part = &part;
  view.file = direction == Direction::kDown && !m.down_file.empty() ? m.down_file : m.file;
  for (const SqlStatement& s : part.statements) {
    for (Statement& st : ClassifyText(s.text, s.line, flavor)) view.statements.push_back(std::move(st));
  }
  return view;
}

// Keeps the findings of the rules that run (engine, severity), with the
// severity gander.json gives them.
class Collector {
 public:
  explicit Collector(const LintOptions& options) : options_(options) {}

  void Add(const char* rule, const std::string& file, int line, int64_t version, Direction direction,
           const std::string& message) {
    const RuleInfo* r = FindRule(rule);
    if (r == nullptr || !RuleApplies(*r, options_.engine)) return;
    Severity s = EffectiveSeverity(*r, options_.config.severities, options_.engine);
    if (s == Severity::kOff) return;
    findings_.push_back({r->id, s, file, line, version, direction, message, r->fix});
  }
  RuleContext::Report For(const PartView& part) {
    return [this, &part](const char* rule, int line, const std::string& message) {
      Add(rule, part.file, line, part.migration->version, part.direction, message);
    };
  }
  std::vector<Finding>& findings() { return findings_; }

 private:
  const LintOptions& options_;
  std::vector<Finding> findings_;
};

// Walks one part: checks each statement against the schema as it stands
// right before it, then applies it (as `creator`).
void WalkPart(const PartView& view, const PartView* other, SchemaModel& model, int64_t creator, bool check,
              const LintOptions& options, const std::set<int64_t>& run, Collector& out) {
  PartState state;
  RuleContext ctx(options.engine, view, other, model, [&run](int64_t v) { return run.count(v) > 0; }, out.For(view),
                  &state);
  for (size_t i = 0; i < view.statements.size(); ++i) {
    ctx.set_index(i);
    if (check) {
      CheckPostgresLocks(ctx);
      CheckLockTimeout(ctx);
      CheckMySqlLocks(ctx);
      CheckSqlite(ctx);
      CheckDataLoss(ctx);
      CheckRunningApp(ctx);
      CheckRollback(ctx);
    }
    model.Apply(view.statements[i], creator);
  }
  if (check) CheckTransactions(ctx);
}

void CheckDownPart(const LintMigration& m, Collector& out) {
  if (!m.parsed.down) {
    out.Add("GL321", m.file, 1, m.version, Direction::kDown,
            "migration " + std::to_string(m.version) + " has no down part: it cannot be rolled back");
  } else if (m.parsed.down->statements.empty()) {
    bool goose = m.down_file.empty();
    out.Add("GL322", goose ? m.file : m.down_file, goose ? std::max(1, DownAnnotationLine(m.text)) : 1, m.version, Direction::kDown,
            "the down part of migration " + std::to_string(m.version) + " is empty: rolling it back changes nothing");
  }
}

}  // namespace

std::vector<Finding> Lint(const std::vector<LintMigration>& migrations, const LintOptions& options, int* suppressed) {
  SqlFlavor flavor = options.engine == Engine::kMySql ? SqlFlavor::kMySql : SqlFlavor::kStandard;
  std::set<int64_t> run;
  for (const LintMigration& m : migrations) {
    if (m.in_run) run.insert(m.version);
  }
  Collector out(options);
  SchemaModel model;
  for (const LintMigration& m : migrations) {
    PartView up = Classify(m, Direction::kUp, m.parsed.up, flavor);
    std::optional<PartView> down;
    if (m.parsed.down) down = Classify(m, Direction::kDown, *m.parsed.down, flavor);
    WalkPart(up, down ? &*down : nullptr, model, m.version, m.in_scope, options, run, out);
    if (!m.in_scope) continue;
    if (down) {
      SchemaModel rollback = model;  // the down part runs on the schema its up part left
      WalkPart(*down, &up, rollback, kThisDownPart, true, options, run, out);
    }
    CheckDownPart(m, out);
  }
  std::vector<Finding> findings = std::move(out.findings());
  int removed = ApplyDirectives(migrations, options, &findings);
  if (suppressed) *suppressed = removed;
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.version != b.version) return a.version < b.version;
    if (a.direction != b.direction) return a.direction == Direction::kUp;
    return a.line < b.line;
  });
  return findings;
}

std::vector<Finding> LintForPreflight(const std::vector<LintMigration>& migrations, Direction direction,
                                      const LintOptions& options) {
  std::vector<Finding> refusals;
  for (Finding& f : Lint(migrations, options)) {
    const RuleInfo* r = FindRule(f.rule);
    if (f.severity == Severity::kError && f.direction == direction && r && r->part != RulePart::kFile) {
      refusals.push_back(std::move(f));
    }
  }
  return refusals;
}

bool RuleContext::DataMovedBefore(const std::string& table, const std::string& column) const {
  for (size_t i = 0; i < index_; ++i) {
    const Statement& s = part_.statements[i];
    bool reads = std::find(s.sources.begin(), s.sources.end(), table) != s.sources.end();
    bool copies_rows = (s.kind == StmtKind::kDml || s.kind == StmtKind::kCreateTable) && reads && s.target != table;
    if (column.empty() && copies_rows) return true;
    if (!column.empty() && s.kind == StmtKind::kDml && (reads || s.target == table) && s.idents.count(column)) {
      return true;
    }
  }
  return false;
}

bool RuleContext::CreatedLater(const std::string& table) const {
  for (size_t i = index_ + 1; i < part_.statements.size(); ++i) {
    const Statement& s = part_.statements[i];
    if (s.kind == StmtKind::kCreateTable && s.name == table) return true;
    if (s.kind == StmtKind::kRenameTable) {
      for (const auto& [from, to] : s.renames) {
        if (to == table) return true;
      }
    }
    for (const AlterAction& a : s.actions) {
      if (a.kind == AlterAction::Kind::kRenameTo && a.new_name == table) return true;
    }
  }
  return false;
}

bool RuleContext::DroppedLater(const std::string& table) const {
  for (size_t i = index_ + 1; i < part_.statements.size(); ++i) {
    const Statement& s = part_.statements[i];
    if (s.kind == StmtKind::kDropTable && std::find(s.names.begin(), s.names.end(), table) != s.names.end()) return true;
  }
  return false;
}

}  // namespace gander::lint
