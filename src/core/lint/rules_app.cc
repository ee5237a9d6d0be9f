// What breaks the application version still running while the up part is
// deployed (GL401, GL402, GL404, GL405), and columns views still name (GL403).
#include "core/lint/rule_context.h"
#include "core/lint/sql_types.h"

namespace gander::lint {
namespace {

using A = AlterAction::Kind;

void CheckAlter(const RuleContext& ctx, const Statement& s) {
  const std::string& t = s.name;
  std::string required;  // GL404: the NOT NULL columns added without a default, once per statement
  int required_line = 0;
  for (const AlterAction& a : s.actions) {
    if (a.kind == A::kDropColumn) {
      for (const std::string& view : ctx.model().ViewsNaming(t, a.column)) {
        ctx.Emit("GL403", a.line, "view " + view + " still names " + t + "." + a.column +
                                      (ctx.Is(Engine::kPostgres) ? ": PostgreSQL refuses the drop (CASCADE would drop the view)"
                                                                 : ": the view fails from then on"));
      }
    }
    if (!ctx.up() || ctx.IsNew(t)) continue;
    switch (a.kind) {
      case A::kRenameColumn:
        ctx.Emit("GL401", a.line, "RENAME COLUMN " + t + "." + a.column + " to " + a.new_name +
                                      ": the running version still reads and writes " + a.column);
        break;
      case A::kModifyColumn:
        if (!a.new_name.empty() && a.new_name != a.column) {
          ctx.Emit("GL401", a.line, "CHANGE renames " + t + "." + a.column + " to " + a.new_name +
                                        ": the running version still reads and writes " + a.column);
        }
        if (const ColumnInfo* old = ctx.model().FindColumn(t, a.column); old && EnumReordered(old->type, a.def.type)) {
          ctx.Emit("GL405", a.line, "the values of " + t + "." + a.column + " change from " + old->type.written + " to " +
                                        a.def.type.written + ": a value removed or moved changes stored rows and ordering");
        }
        break;
      case A::kRenameTo:
        if (ctx.CreatedLater(t)) break;  // renamed away and recreated: a table rebuild
        ctx.Emit("GL402", a.line, "RENAME " + t + " to " + a.new_name + ": the running version still uses " + t);
        break;
      case A::kAddColumn: {
        const ColumnDef& d = a.def;
        if (d.not_null && !d.has_default && !d.identity && !d.auto_increment && !d.generated_stored &&
            !ctx.IsNewColumn(t, a.column)) {
          if (required.empty()) required_line = a.line;
          required += (required.empty() ? "" : ", ") + a.column;
        }
        break;
      }
      default:
        break;
    }
  }
  if (!required.empty()) {
    ctx.Emit("GL404", required_line, "ADD COLUMN " + required + " NOT NULL without a DEFAULT " +
                                         (ctx.Is(Engine::kMySql) ? "makes the running version's inserts into " + t + " fail"
                                                                 : "fails as soon as " + t + " has a row"));
  }
}

}  // namespace

void CheckRunningApp(const RuleContext& ctx) {
  const Statement& s = ctx.stmt();
  if (s.kind == StmtKind::kAlterTable && !s.name.empty()) {
    CheckAlter(ctx, s);
  } else if (ctx.up() && s.kind == StmtKind::kRenameTable) {
    for (const auto& [from, to] : s.renames) {
      if (!ctx.IsNew(from) && !ctx.CreatedLater(from)) ctx.Emit("GL402", s.line, "RENAME TABLE " + from + " to " + to + ": the running version still uses " + from);
    }
  } else if (ctx.up() && s.kind == StmtKind::kAlterType && ctx.Is(Engine::kPostgres)) {
    const std::vector<std::string>* values = ctx.model().EnumValues(s.name);
    bool appended = values && !values->empty() && s.enum_before.empty() && s.enum_after == values->back();
    if (s.enum_positioned && !appended) {
      ctx.Emit("GL405", s.line, "ADD VALUE ... BEFORE/AFTER inserts into the middle of type " + s.name +
                                    ": the order its values compare and sort in changes");
    } else if (s.enum_rename_value) {
      ctx.Emit("GL405", s.line, "RENAME VALUE in type " + s.name + ": the running version still writes the old value");
    }
  }
}

}  // namespace gander::lint
