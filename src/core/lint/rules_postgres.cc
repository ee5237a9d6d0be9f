// PostgreSQL locks and rewrites: GL101-GL110.
#include "core/lint/rule_context.h"
#include "core/lint/sql_types.h"

namespace gander::lint {
namespace {

using A = AlterAction::Kind;
using C = Constraint::Kind;

void CheckAlter(const RuleContext& ctx, const Statement& s) {
  const std::string& t = s.name;
  if (t.empty() || ctx.IsNew(t)) return;
  for (const AlterAction& a : s.actions) {
    switch (a.kind) {
      case A::kAddColumn:
        if (!a.def.volatile_call.empty()) {
          ctx.Emit("GL104", a.line, "ADD COLUMN " + a.column + " with DEFAULT " + a.def.volatile_call +
                                        " (volatile) rewrites every row of " + t + " under an ACCESS EXCLUSIVE lock");
        } else if (a.def.generated_stored) {
          ctx.Emit("GL104", a.line, "ADD COLUMN " + a.column + " as a stored generated column rewrites every row of " + t);
        } else if (a.def.identity) {
          ctx.Emit("GL104", a.line, "ADD COLUMN " + a.column + " as an identity (serial) column fills every row of " + t +
                                        ": a rewrite under an ACCESS EXCLUSIVE lock");
        }
        if (a.def.unique || a.def.primary_key) {
          ctx.Emit("GL108", a.line, "ADD COLUMN " + a.column + (a.def.primary_key ? " PRIMARY KEY" : " UNIQUE") +
                                        " builds an index on " + t + " while reads and writes wait");
        }
        break;
      case A::kAlterType: {
        const ColumnInfo* old = ctx.model().FindColumn(t, a.column);
        if (old && !old->type.empty() && PgKeepsTable(old->type, a.type) && !a.has_using) break;
        std::string change = old && !old->type.empty()
                                 ? "from " + old->type.written + " to " + a.type.written
                                 : "to " + a.type.written + " (its current type is not known from the migrations)";
        bool zone = old && ((old->type.name == "TIMESTAMP" && a.type.name == "TIMESTAMPTZ") ||
                            (old->type.name == "TIMESTAMPTZ" && a.type.name == "TIMESTAMP"));
        ctx.Emit("GL105", a.line, "ALTER COLUMN " + a.column + " TYPE changes " + t + "." + a.column + " " + change +
                                      ": PostgreSQL rewrites " + t + " and its indexes under an ACCESS EXCLUSIVE lock" +
                                      (zone ? " (PostgreSQL 12+ skips the rewrite when the session's TimeZone is UTC)" : ""));
        break;
      }
      case A::kSetNotNull: {
        const TableInfo* info = ctx.model().FindTable(t);
        if (info && info->not_null_checked.count(a.column)) break;
        ctx.Emit("GL106", a.line, "SET NOT NULL on " + t + "." + a.column +
                                      " scans every row while reads and writes wait (no validated CHECK (" + a.column +
                                      " IS NOT NULL) before it)");
        break;
      }
      case A::kAddConstraint: {
        const Constraint& k = a.constraint;
        if ((k.kind == C::kForeignKey || k.kind == C::kCheck) && !k.not_valid) {
          ctx.Emit("GL107", a.line, std::string("ADD ") + (k.kind == C::kForeignKey ? "FOREIGN KEY" : "CHECK") +
                                        (k.name.empty() ? "" : " " + k.name) + " checks every row of " + t +
                                        " while writes wait: add it NOT VALID, validate it later");
        } else if ((k.kind == C::kUnique || k.kind == C::kPrimaryKey) && !k.using_index) {
          ctx.Emit("GL108", a.line, std::string("ADD ") + (k.kind == C::kUnique ? "UNIQUE" : "PRIMARY KEY") +
                                        " builds its index on " + t + " under an ACCESS EXCLUSIVE lock");
        }
        break;
      }
      case A::kRebuild:
        if (a.option.rfind("SET ", 0) == 0) {
          ctx.Emit("GL109", a.line, a.option + " rewrites " + t + " under an ACCESS EXCLUSIVE lock");
        }
        break;
      default:
        break;
    }
  }
}

// The existing table a statement locks, "" when none (for GL110).
std::string LockedTable(const RuleContext& ctx, const Statement& s) {
  auto existing = [&](const std::string& t) { return !t.empty() && !ctx.IsNew(t); };
  switch (s.kind) {
    case StmtKind::kAlterTable:
    case StmtKind::kLockTable:
    case StmtKind::kCluster:
      return existing(s.name) ? s.name : "";
    case StmtKind::kCreateIndex:
      return !s.concurrently && existing(s.table) ? s.table : "";
    case StmtKind::kCreateRoutine:
      return existing(s.table) ? s.table : "";
    case StmtKind::kDropIndex:
    case StmtKind::kReindex: {
      if (s.concurrently || s.name.empty()) return "";
      const IndexInfo* index = ctx.model().FindIndex(s.name);
      if (index) return existing(index->table) ? index->table : "";
      return s.kind == StmtKind::kReindex && existing(s.name) ? s.name : "the table of index " + s.name;
    }
    case StmtKind::kDropTable:
    case StmtKind::kTruncate:
      for (const std::string& n : s.names) {
        if (existing(n)) return n;
      }
      return "";
    case StmtKind::kVacuum:
      return s.full ? (s.name.empty() ? "every table" : s.name) : "";
    default:
      return "";
  }
}

}  // namespace

void CheckPostgresLocks(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kPostgres)) return;
  const Statement& s = ctx.stmt();
  switch (s.kind) {
    case StmtKind::kCreateIndex:
      if (!s.concurrently && !s.table.empty() && !ctx.IsNew(s.table)) {
        ctx.Emit("GL101", s.line, "CREATE INDEX" + (s.name.empty() ? "" : " " + s.name) + " on existing table " +
                                      s.table + " without CONCURRENTLY blocks writes to " + s.table +
                                      " until the index is built");
      }
      break;
    case StmtKind::kDropIndex: {
      if (s.concurrently) break;
      std::string names, tables;
      for (const std::string& name : s.names) {
        const IndexInfo* index = ctx.model().FindIndex(name);
        if (index && (ctx.IsNew(index->table) || ctx.DroppedLater(index->table))) continue;
        names += (names.empty() ? "" : ", ") + name;
        std::string table = index ? index->table : "its table";
        if (tables.find(table) == std::string::npos) tables += (tables.empty() ? "" : ", ") + table;
      }
      if (!names.empty()) {
        ctx.Emit("GL102", s.line, "DROP INDEX " + names + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on " + tables);
      }
      break;
    }
    case StmtKind::kReindex: {
      if (s.concurrently) break;
      const IndexInfo* index = ctx.model().FindIndex(s.name);
      if ((index && ctx.IsNew(index->table)) || (!index && !s.name.empty() && ctx.IsNew(s.name))) break;
      ctx.Emit("GL103", s.line, "REINDEX" + (s.name.empty() ? "" : " " + s.name) +
                                    " without CONCURRENTLY blocks writes while it rebuilds");
      break;
    }
    case StmtKind::kVacuum:
      if (s.full && !(s.name.size() && ctx.IsNew(s.name))) {
        ctx.Emit("GL109", s.line, "VACUUM FULL rewrites " + (s.name.empty() ? std::string("every table") : s.name) +
                                      " under an ACCESS EXCLUSIVE lock");
      }
      break;
    case StmtKind::kCluster:
      if (!(s.name.size() && ctx.IsNew(s.name))) {
        ctx.Emit("GL109", s.line, "CLUSTER rewrites " + (s.name.empty() ? std::string("every clustered table") : s.name) +
                                      " under an ACCESS EXCLUSIVE lock");
      }
      break;
    case StmtKind::kAlterTable:
      CheckAlter(ctx, s);
      break;
    default:
      break;
  }
}

void CheckLockTimeout(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kPostgres)) return;
  PartState& state = ctx.state();
  const Statement& s = ctx.stmt();
  if ((s.kind == StmtKind::kSet || s.kind == StmtKind::kSelect) && s.setting == "lock_timeout") {
    state.lock_timeout_set = s.kind == StmtKind::kSelect || (s.setting_value != "0" && s.setting_value != "DEFAULT");
    return;
  }
  if (state.lock_timeout_set || state.lock_timeout_reported) return;
  std::string table = LockedTable(ctx, s);
  if (table.empty()) return;
  state.lock_timeout_reported = true;
  ctx.Emit("GL110", s.line, "no lock_timeout is set before this DDL on " + table + ": while it waits for its lock, " +
                                "every other query on " + table + " queues behind it");
}

}  // namespace gander::lint
