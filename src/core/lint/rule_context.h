// What a rule check sees while the linter walks one part (up or down) of a
// migration statement by statement: the statement, the part's other
// statements, the schema as it stands right before the statement, and a way
// to report. Checks are grouped by theme in rules_*.cc.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/lint/lint.h"
#include "core/lint/schema_model.h"
#include "core/lint/statement.h"

namespace gander::lint {

// One part of one migration, classified.
struct PartView {
  const LintMigration* migration = nullptr;
  Direction direction = Direction::kUp;
  const MigrationPart* part = nullptr;
  std::string file;                    // the file that holds this part
  std::vector<Statement> statements;   // every SQL statement, in order
};

// What the per-statement checks remember while they walk one part.
struct PartState {
  bool lock_timeout_set = false;       // SET lock_timeout seen
  bool lock_timeout_reported = false;  // GL110 reported once for this part
};

class RuleContext {
 public:
  using Report = std::function<void(const char* rule, int line, const std::string& message)>;

  RuleContext(std::optional<Engine> engine, const PartView& part, const PartView* other, const SchemaModel& model,
              std::function<bool(int64_t)> in_run, Report report, PartState* state)
      : engine_(engine), part_(part), other_(other), model_(model), in_run_(std::move(in_run)),
        report_(std::move(report)), state_(state) {}

  std::optional<Engine> engine() const { return engine_; }
  bool Is(Engine e) const { return engine_ == e; }
  const PartView& part() const { return part_; }
  // The migration's other part (the down part while linting the up part and
  // the reverse); nullptr when it has none.
  const PartView* other() const { return other_; }
  bool up() const { return part_.direction == Direction::kUp; }
  int64_t version() const { return part_.migration->version; }
  const SchemaModel& model() const { return model_; }

  // The statement being checked and its position in part().statements.
  const Statement& stmt() const { return part_.statements[index_]; }
  size_t index() const { return index_; }
  void set_index(size_t i) { index_ = i; }

  // True when no traffic of the running version depends on the table yet:
  // created earlier in this part, by this migration's up part (for a down
  // part: only the version being rolled back used it), or (up parts) by an
  // earlier migration of the same run. Unknown tables exist and are in use.
  bool IsNew(const std::string& table) const {
    const TableInfo* t = model_.FindTable(table);
    return t != nullptr && Fresh(t->created_by);
  }
  // The same for a column: its table is new, or the column was added in
  // this part / migration / run.
  bool IsNewColumn(const std::string& table, const std::string& column) const {
    if (IsNew(table)) return true;
    const ColumnInfo* c = model_.FindColumn(table, column);
    return c != nullptr && Fresh(c->created_by);
  }
  // True when an object created by `created_by` holds no data yet.
  bool Fresh(int64_t created_by) const {
    if (!up()) return created_by == kThisDownPart || created_by == version();
    return created_by == version() || (part_.migration->in_run && created_by >= 0 && in_run_(created_by));
  }
  // True when an earlier statement of this part copies `table`'s rows
  // elsewhere (INSERT ... SELECT ... FROM table, CREATE TABLE ... AS ...
  // FROM table) or, with `column`, writes a statement naming that column of it.
  bool DataMovedBefore(const std::string& table, const std::string& column = "") const;
  // True when a later statement of this part creates (drops) a table of
  // this name: a table renamed away and recreated, an index dropped with its table.
  bool CreatedLater(const std::string& table) const;
  bool DroppedLater(const std::string& table) const;

  // Reports a finding of `rule` at `line` (absolute, 1-based).
  void Emit(const char* rule, int line, const std::string& message) const { report_(rule, line, message); }

  PartState& state() const { return *state_; }

 private:
  std::optional<Engine> engine_;
  const PartView& part_;
  const PartView* other_;
  const SchemaModel& model_;
  std::function<bool(int64_t)> in_run_;
  Report report_;
  PartState* state_;
  size_t index_ = 0;
};

// The checks, run for every statement of a part before it is applied to
// the model (each group returns at once when its engine does not apply).
void CheckPostgresLocks(const RuleContext& ctx);
void CheckLockTimeout(const RuleContext& ctx);
void CheckMySqlLocks(const RuleContext& ctx);
void CheckSqlite(const RuleContext& ctx);
void CheckDataLoss(const RuleContext& ctx);
void CheckRunningApp(const RuleContext& ctx);
void CheckRollback(const RuleContext& ctx);

// The checks of a whole part, run once after its statements.
void CheckTransactions(const RuleContext& ctx);

}  // namespace gander::lint
