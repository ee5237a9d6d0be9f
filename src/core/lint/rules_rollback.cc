// A down part that can fail on data written after its up part ran:
// GL501 (NOT NULL again), GL502 (UNIQUE / FOREIGN KEY / CHECK again),
// GL503 (a narrower type again).
#include "core/lint/rule_context.h"
#include "core/lint/sql_types.h"

namespace gander::lint {
namespace {

using A = AlterAction::Kind;
using C = Constraint::Kind;

std::string Columns(const std::vector<std::string>& cols) {
  std::string out;
  for (const std::string& c : cols) out += (out.empty() ? "" : ", ") + c;
  return out.empty() ? "..." : out;
}

void CheckConstraint(const RuleContext& ctx, const std::string& t, const AlterAction& a) {
  const Constraint& k = a.constraint;
  std::string check;
  if (k.kind == C::kUnique || k.kind == C::kPrimaryKey) {
    if (k.using_index) return;  // the CREATE UNIQUE INDEX before it is where it fails
    check = "SELECT " + Columns(k.columns) + ", count(*) FROM " + t + " GROUP BY " + Columns(k.columns) +
            " HAVING count(*) > 1";
  } else if (k.kind == C::kForeignKey && !k.not_valid) {
    check = "rows of " + t + " whose " + Columns(k.columns) + " has no match in " + (k.ref_table.empty() ? "the referenced table" : k.ref_table);
  } else if (k.kind == C::kCheck && !k.not_valid) {
    check = "rows of " + t + " that break the CHECK";
  } else {
    return;
  }
  const char* kind = k.kind == C::kUnique ? "UNIQUE" : k.kind == C::kPrimaryKey ? "PRIMARY KEY"
                     : k.kind == C::kForeignKey ? "FOREIGN KEY" : "CHECK";
  ctx.Emit("GL502", a.line, std::string("the rollback recreates a ") + kind + " constraint on " + t +
                                ": it fails if rows written since the deploy break it; check first: " + check);
}

void CheckAlter(const RuleContext& ctx, const Statement& s) {
  const std::string& t = s.name;
  for (const AlterAction& a : s.actions) {
    const ColumnInfo* old = ctx.model().FindColumn(t, a.column);
    bool backfilled = ctx.DataMovedBefore(t, a.column);  // an UPDATE before it fills the NULLs
    std::string probe = "SELECT count(*) FROM " + t + " WHERE " + a.column + " IS NULL";
    switch (a.kind) {
      case A::kSetNotNull:
        if (backfilled) break;
        ctx.Emit("GL501", a.line, "the rollback sets " + t + "." + a.column + " NOT NULL again: it fails if a row " +
                                      "written since the deploy holds NULL; check first: " + probe);
        break;
      case A::kModifyColumn:
        if (a.def.not_null && !a.def.has_default && !(old && old->not_null) && !backfilled) {
          ctx.Emit("GL501", a.line, "the rollback makes " + t + "." + a.column + " NOT NULL again: it fails if a row " +
                                        "written since the deploy holds NULL; check first: " + probe);
        }
        break;
      case A::kAddColumn:
        if (a.def.not_null && (!a.def.has_default || a.def.default_null) && !a.def.identity && !a.def.auto_increment &&
            !ctx.Is(Engine::kMySql) && !ctx.Is(Engine::kSqlite)) {
          ctx.Emit("GL501", a.line, "the rollback adds " + t + "." + a.column + " back as NOT NULL without a DEFAULT: " +
                                        "it fails as soon as " + t + " has a row");
        }
        break;
      case A::kAddConstraint:
        CheckConstraint(ctx, t, a);
        break;
      default:
        break;
    }
    const SqlType& to = a.kind == A::kAlterType ? a.type : a.def.type;
    if ((a.kind == A::kAlterType || a.kind == A::kModifyColumn) && old &&
        Narrows(old->type, to, ctx.engine().value_or(Engine::kPostgres))) {
      ctx.Emit("GL503", a.line, "the rollback narrows " + t + "." + a.column + " from " + old->type.written + " to " +
                                    to.written + ": values written since the deploy may not fit");
    }
  }
}

}  // namespace

void CheckRollback(const RuleContext& ctx) {
  if (ctx.up()) return;
  const Statement& s = ctx.stmt();
  if (s.kind == StmtKind::kAlterTable && !s.name.empty() && !ctx.IsNew(s.name)) {
    CheckAlter(ctx, s);
  } else if (s.kind == StmtKind::kCreateIndex && s.unique && !s.table.empty() && !ctx.IsNew(s.table)) {
    ctx.Emit("GL502", s.line, "the rollback recreates unique index " + (s.name.empty() ? "" : s.name + " ") + "on " +
                                  s.table + ": it fails if rows written since the deploy hold duplicates; check first: SELECT " +
                                  Columns(s.columns) + ", count(*) FROM " + s.table + " GROUP BY " + Columns(s.columns) +
                                  " HAVING count(*) > 1");
  }
}

}  // namespace gander::lint
