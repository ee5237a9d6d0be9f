// SQLite: ALTER TABLE it refuses and statements that rewrite a table:
// GL141-GL143 (SQLite 3.35+ semantics: RENAME TO, RENAME COLUMN, ADD COLUMN
// and DROP COLUMN, one per statement).
#include "core/lint/rule_context.h"

namespace gander::lint {
namespace {

using A = AlterAction::Kind;

const char* ActionName(A kind) {
  switch (kind) {
    case A::kAlterType: return "ALTER COLUMN ... TYPE";
    case A::kSetNotNull: return "ALTER COLUMN ... SET NOT NULL";
    case A::kDropNotNull: return "ALTER COLUMN ... DROP NOT NULL";
    case A::kSetDefault:
    case A::kDropDefault: return "ALTER COLUMN ... DEFAULT";
    case A::kAddConstraint: return "ADD CONSTRAINT";
    case A::kDropConstraint: return "DROP CONSTRAINT";
    case A::kValidateConstraint: return "VALIDATE CONSTRAINT";
    case A::kModifyColumn: return "MODIFY / CHANGE";
    default: return "this ALTER TABLE action";
  }
}

void CheckAddColumn(const RuleContext& ctx, const std::string& t, const AlterAction& a) {
  const ColumnDef& d = a.def;
  std::string why;
  if (d.primary_key || d.unique) {
    why = std::string("a ") + (d.primary_key ? "PRIMARY KEY" : "UNIQUE") + " column cannot be added";
  } else if (d.not_null && (!d.has_default || d.default_null)) {
    why = "a NOT NULL column needs a non-NULL DEFAULT";
  } else if (d.default_expression) {
    why = "the DEFAULT must be a constant (not CURRENT_TIMESTAMP or an expression in parentheses)";
  } else if (d.generated_stored) {
    why = "a STORED generated column cannot be added";
  }
  if (!why.empty()) ctx.Emit("GL141", a.line, "SQLite refuses ADD COLUMN " + a.column + " on " + t + ": " + why);
}

void CheckDropColumn(const RuleContext& ctx, const std::string& t, const AlterAction& a) {
  const ColumnInfo* c = ctx.model().FindColumn(t, a.column);
  std::string why;
  if (c && c->primary_key) {
    why = "it is the PRIMARY KEY";
  } else if (c && c->unique) {
    why = "it is UNIQUE";
  } else if (ctx.model().ColumnIndexed(t, a.column)) {
    why = "an index uses it";
  } else if (c && c->references) {
    why = "it has a FOREIGN KEY";
  } else if (std::vector<std::string> views = ctx.model().ViewsNaming(t, a.column); !views.empty()) {
    why = "view " + views[0] + " uses it";
  }
  if (!why.empty()) {
    ctx.Emit("GL142", a.line, "SQLite refuses DROP COLUMN " + t + "." + a.column + ": " + why);
  } else if (!ctx.IsNew(t)) {
    ctx.Emit("GL143", a.line, "DROP COLUMN rewrites every row of " + t + " while holding the database's write lock");
  }
}

}  // namespace

void CheckSqlite(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kSqlite)) return;
  const Statement& s = ctx.stmt();
  if (s.kind == StmtKind::kVacuum) {
    ctx.Emit("GL143", s.line, "VACUUM rewrites the whole database file while holding its write lock");
    return;
  }
  if (s.kind != StmtKind::kAlterTable || s.name.empty()) return;
  if (s.actions.size() > 1) {
    ctx.Emit("GL141", s.line, "SQLite refuses ALTER TABLE " + s.name + " with several actions: it takes one per statement");
    return;
  }
  for (const AlterAction& a : s.actions) {
    switch (a.kind) {
      case A::kAddColumn:
        CheckAddColumn(ctx, s.name, a);
        break;
      case A::kDropColumn:
        CheckDropColumn(ctx, s.name, a);
        break;
      case A::kRenameColumn:
      case A::kRenameTo:
        break;
      default:
        ctx.Emit("GL141", a.line, std::string("SQLite has no ") + ActionName(a.kind) + " (ALTER TABLE " + s.name +
                                      "): it only renames a table, renames, adds or drops a column");
    }
  }
}

}  // namespace gander::lint
