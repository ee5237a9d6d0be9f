// MySQL / MariaDB table copies and locks: GL121-GL123. Online DDL as in
// MySQL 8.0 and MariaDB 10.11 (docs/lint.md says which changes copy).
#include "core/lint/rule_context.h"
#include "core/lint/sql_types.h"

namespace gander::lint {
namespace {

using A = AlterAction::Kind;
using C = Constraint::Kind;

// Why MODIFY / CHANGE of a column copies the table, "" when it does not.
std::string ModifyCopies(const RuleContext& ctx, const std::string& t, const AlterAction& a) {
  const ColumnInfo* old = ctx.model().FindColumn(t, a.column);
  if (old == nullptr || old->type.empty()) {
    return "MODIFY " + a.column + " (its current type is not known from the migrations: a change of type, length " +
           "class or collation copies)";
  }
  if (!MySqlKeepsTable(old->type, a.def.type)) {
    return "MODIFY " + a.column + " from " + old->type.written + " to " + a.def.type.written;
  }
  if (a.def.collate != old->collate) {
    return "MODIFY " + a.column + " changes its character set or collation" +
           (a.def.collate.empty() ? " back to the table's" : " to " + a.def.collate);
  }
  return "";
}

// GL121 once per ALTER TABLE, naming every action that copies; GL123 per foreign key.
void CheckAlter(const RuleContext& ctx, const Statement& s) {
  const std::string& t = s.name;
  std::vector<std::string> copies;
  int line = 0;
  auto copy = [&](const AlterAction& a, const std::string& why) {
    if (why.empty()) return;
    if (copies.empty()) line = a.line;
    copies.push_back(why);
  };
  for (const AlterAction& a : s.actions) {
    switch (a.kind) {
      case A::kModifyColumn:
        copy(a, ModifyCopies(ctx, t, a));
        break;
      case A::kAddConstraint:
        if (a.constraint.kind == C::kPrimaryKey) copy(a, "ADD PRIMARY KEY (the clustered index is the table)");
        if (a.constraint.kind == C::kFulltext) copy(a, "ADD FULLTEXT index");
        if (a.constraint.kind == C::kSpatial) copy(a, "ADD SPATIAL index");
        if (a.constraint.kind == C::kForeignKey) {
          ctx.Emit("GL123", a.line, "ADD FOREIGN KEY copies " + t + " while writes wait (INPLACE needs foreign_key_checks=0)");
        }
        break;
      case A::kDropPrimaryKey:
        copy(a, "DROP PRIMARY KEY");
        break;
      case A::kAddColumn:
        if (a.def.auto_increment) copy(a, "ADD COLUMN " + a.column + " AUTO_INCREMENT");
        if (a.def.generated_stored) copy(a, "ADD COLUMN " + a.column + " STORED");
        break;
      case A::kRebuild:
        copy(a, a.option);
        break;
      default:
        break;
    }
  }
  if (copies.empty()) return;
  std::string list;
  for (const std::string& c : copies) list += (list.empty() ? "" : "; ") + c;
  ctx.Emit("GL121", line, "ALTER TABLE " + t + " cannot run INSTANT or INPLACE: MySQL/MariaDB copy the table while " +
                              "writes wait (" + list + ")");
}

}  // namespace

void CheckMySqlLocks(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kMySql)) return;
  const Statement& s = ctx.stmt();
  std::string table = s.kind == StmtKind::kAlterTable ? s.name
                      : (s.kind == StmtKind::kCreateIndex || s.kind == StmtKind::kDropIndex) ? s.table
                                                                                              : "";
  if (table.empty() || ctx.IsNew(table)) return;
  for (const auto& [option, value] : s.options) {
    if ((option == "ALGORITHM" && value == "COPY") || (option == "LOCK" && (value == "SHARED" || value == "EXCLUSIVE"))) {
      ctx.Emit("GL122", s.line, option + "=" + value + " on existing table " + table + " blocks writes to " + table +
                                    " for the whole change");
    }
  }
  if (s.kind == StmtKind::kCreateIndex && !s.index_kind.empty()) {
    ctx.Emit("GL121", s.line, "CREATE " + s.index_kind + " INDEX on " + table + " blocks writes while it builds" +
                                  (s.index_kind == "FULLTEXT" ? " (the first one rebuilds the table)" : ""));
  }
  if (s.kind == StmtKind::kAlterTable) CheckAlter(ctx, s);
}

}  // namespace gander::lint
