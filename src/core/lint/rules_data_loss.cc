// Data loss in the up part (GL301-GL305, GL313) and as a rollback (GL311,
// GL312): decided from what each migration's up part created, not from a
// database.
#include "core/lint/rule_context.h"
#include "core/lint/sql_types.h"

namespace gander::lint {
namespace {

using A = AlterAction::Kind;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// GL313: the down part recreates `table` (or `table`.`column`) without
// writing rows back into it. Returns the line where it recreates it, or 0.
int RecreatedEmpty(const RuleContext& ctx, const std::string& table, const std::string& column) {
  const PartView* down = ctx.other();
  if (down == nullptr) return 0;
  int recreated = 0;
  for (const Statement& s : down->statements) {
    if (s.kind == StmtKind::kDml && s.target == table) return 0;  // rows restored from somewhere
    if (column.empty() && s.kind == StmtKind::kCreateTable && s.name == table && !s.as_select && !recreated) {
      recreated = s.line;
    }
    if (!column.empty() && s.kind == StmtKind::kAlterTable && s.name == table) {
      for (const AlterAction& a : s.actions) {
        if (a.kind == A::kAddColumn && a.column == column && !recreated) recreated = a.line;
      }
    }
  }
  return recreated;
}

void Irreversible(const RuleContext& ctx, int line, const std::string& table, const std::string& column) {
  int at = RecreatedEmpty(ctx, table, column);
  if (at == 0) return;
  ctx.Emit("GL313", line, "the down part recreates table " + table + " (line " + std::to_string(at) +
                              ") but not its rows: a rollback gives it back empty");
}

// `DROP TABLE IF EXISTS t` of a table no migration created, before the same
// part creates a TEMPORARY table t: the re-runnable scratch-table idiom of a
// data migration, not a drop of anyone's data.
bool DropsScratchTemp(const RuleContext& ctx, const Statement& drop, const std::string& table) {
  if (!drop.if_exists || ctx.model().FindTable(table) != nullptr) return false;
  const std::vector<Statement>& all = ctx.part().statements;
  for (size_t i = ctx.index() + 1; i < all.size(); ++i) {
    if (all[i].kind == StmtKind::kCreateTable && all[i].temporary && all[i].name == table) return true;
  }
  return false;
}

void UpLoss(const RuleContext& ctx, const Statement& s) {
  switch (s.kind) {
    case StmtKind::kDropTable:
      for (const std::string& t : s.names) {
        if (ctx.IsNew(t) || ctx.DataMovedBefore(t) || DropsScratchTemp(ctx, s, t)) continue;
        ctx.Emit("GL301", s.line, "DROP TABLE " + t + " deletes every row of " + t);
        Irreversible(ctx, s.line, t, "");
      }
      break;
    case StmtKind::kTruncate:
      for (const std::string& t : s.names) {
        if (!ctx.IsNew(t)) ctx.Emit("GL303", s.line, "TRUNCATE deletes every row of " + t);
      }
      break;
    case StmtKind::kDropSchema:
    case StmtKind::kDropDatabase:
      for (const std::string& n : s.names) {
        if (ctx.Fresh(ctx.model().SchemaCreator(n))) continue;
        ctx.Emit("GL304", s.line, std::string("DROP ") + (s.kind == StmtKind::kDropSchema ? "SCHEMA " : "DATABASE ") + n +
                                      " deletes everything in it");
      }
      break;
    case StmtKind::kAlterTable: {
      std::vector<std::string> dropped, recreated;
      int line = 0, recreated_at = 0;
      for (const AlterAction& a : s.actions) {
        if (a.kind == A::kDropColumn && !ctx.IsNewColumn(s.name, a.column) && !ctx.DataMovedBefore(s.name, a.column)) {
          if (dropped.empty()) line = a.line;
          dropped.push_back(a.column);
          if (int at = RecreatedEmpty(ctx, s.name, a.column)) {
            recreated.push_back(a.column);
            if (!recreated_at) recreated_at = at;
          }
        }
        const SqlType& to = a.kind == A::kAlterType ? a.type : a.def.type;
        if ((a.kind == A::kAlterType || a.kind == A::kModifyColumn) && !ctx.IsNew(s.name)) {
          const ColumnInfo* old = ctx.model().FindColumn(s.name, a.column);
          if (old && Narrows(old->type, to, ctx.engine().value_or(Engine::kPostgres))) {
            ctx.Emit("GL305", a.line, "changes " + s.name + "." + a.column + " from " + old->type.written + " to " +
                                          to.written + ": existing values that do not fit are cut or refused");
          }
        }
      }
      if (!dropped.empty()) {
        ctx.Emit("GL302", line, "DROP COLUMN " + Join(dropped) + " of " + s.name + " deletes " +
                                    (dropped.size() > 1 ? "their values" : "its values") + " in every row");
      }
      if (!recreated.empty()) {
        ctx.Emit("GL313", line, "the down part adds " + Join(recreated) + " of " + s.name + " back (line " +
                                    std::to_string(recreated_at) + ") but not the data: a rollback gives " +
                                    (recreated.size() > 1 ? "them" : "it") + " back empty");
      }
      break;
    }
    default:
      break;
  }
}

// What a rollback statement drops, and who created it.
struct Dropped {
  std::string what;
  int64_t created_by = kBeforeMigrations;
  bool missing = false;  // the migrations never created it: the statement fails
};

// A rollback that throws data away: its own up part's objects (GL311,
// warning) or an earlier migration's (GL312, error). One finding of each
// per statement.
void ReportDownLoss(const RuleContext& ctx, int line, const std::vector<Dropped>& items) {
  std::vector<std::string> own, earlier, missing;
  for (const Dropped& d : items) {
    if (d.created_by == kThisDownPart) continue;
    if (d.created_by == ctx.version()) {
      own.push_back(d.what);
    } else if (d.missing) {
      missing.push_back(d.what);
    } else if (d.created_by >= 0) {
      earlier.push_back(d.what + " (created by migration " + std::to_string(d.created_by) + ")");
    } else {
      earlier.push_back(d.what + " (not created by this migration's up part)");
    }
  }
  if (!own.empty()) {
    ctx.Emit("GL311", line, "the rollback drops " + Join(own) + ", which this migration's up part created: " +
                                "data written since the deploy is lost");
  }
  if (!earlier.empty()) {
    ctx.Emit("GL312", line, "the rollback drops " + Join(earlier) + ": the data held since then is lost");
  }
  if (!missing.empty()) {
    ctx.Emit("GL312", line, "the rollback drops " + Join(missing) + ", which no migration created: its up part " +
                                "did not add it, and the statement fails on a database the migrations built");
  }
}

int64_t TableCreator(const RuleContext& ctx, const std::string& t) {
  const TableInfo* info = ctx.model().FindTable(t);
  return info ? info->created_by : kBeforeMigrations;
}

void RollbackLoss(const RuleContext& ctx, const Statement& s) {
  std::vector<Dropped> items;
  int line = s.line;
  switch (s.kind) {
    case StmtKind::kDropTable:
    case StmtKind::kTruncate:
      for (const std::string& t : s.names) {
        if (s.kind == StmtKind::kDropTable && ctx.DataMovedBefore(t)) continue;
        items.push_back({(s.kind == StmtKind::kTruncate ? "every row of table " : "table ") + t, TableCreator(ctx, t)});
      }
      break;
    case StmtKind::kDropSchema:
    case StmtKind::kDropDatabase:
      for (const std::string& n : s.names) {
        items.push_back({(s.kind == StmtKind::kDropSchema ? "schema " : "database ") + n, ctx.model().SchemaCreator(n)});
      }
      break;
    case StmtKind::kAlterTable: {
      const TableInfo* table = ctx.model().FindTable(s.name);
      for (const AlterAction& a : s.actions) {
        if (a.kind != A::kDropColumn || ctx.DataMovedBefore(s.name, a.column)) continue;
        if (items.empty()) line = a.line;
        const ColumnInfo* c = ctx.model().FindColumn(s.name, a.column);
        Dropped d{"column " + s.name + "." + a.column, c ? c->created_by : kBeforeMigrations};
        if (table && table->created_by == kThisDownPart) d.created_by = kThisDownPart;
        d.missing = !c && table && table->columns_known && !a.if_exists;
        items.push_back(d);
      }
      break;
    }
    default:
      return;
  }
  ReportDownLoss(ctx, line, items);
}

}  // namespace

void CheckDataLoss(const RuleContext& ctx) {
  if (ctx.up()) {
    UpLoss(ctx, ctx.stmt());
  } else {
    RollbackLoss(ctx, ctx.stmt());
  }
}

}  // namespace gander::lint
