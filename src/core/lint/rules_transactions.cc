// Transactions: GL201-GL204, checked once per part.
#include <algorithm>
#include <string>
#include <vector>

#include "core/lint/rule_context.h"
#include "core/transaction_needs.h"

namespace gander::lint {
namespace {

std::string Lines(const std::vector<int>& lines, size_t most = 6) {
  std::string out;
  for (size_t i = 0; i < lines.size() && i < most; ++i) out += (i ? ", " : "") + std::to_string(lines[i]);
  if (lines.size() > most) out += ", ...";
  return out;
}

void CheckOwnTransaction(const RuleContext& ctx) {
  const PartView& p = ctx.part();
  std::vector<int> begins, ends;
  int open_at = 0;
  for (const Statement& s : p.statements) {
    if (s.kind == StmtKind::kBegin) {
      if (!p.part->use_tx && open_at) {
        ctx.Emit("GL203", s.line, "BEGIN while the transaction begun at line " + std::to_string(open_at) + " is open");
      }
      begins.push_back(s.line);
      open_at = s.line;
    } else if (s.kind == StmtKind::kCommit || s.kind == StmtKind::kRollback) {
      ends.push_back(s.line);
      open_at = 0;
    }
  }
  if (!p.part->use_tx) {
    if (open_at) ctx.Emit("GL203", open_at, "BEGIN at line " + std::to_string(open_at) + " is never committed: the " +
                                                "transaction stays open after the migration");
    return;
  }
  if (begins.empty() && ends.empty()) return;
  std::string why;
  if (ctx.Is(Engine::kSqlite)) why = "SQLite refuses a BEGIN inside a transaction";
  if (ctx.Is(Engine::kPostgres)) why = "PostgreSQL ignores the BEGIN and its COMMIT ends gander's transaction early";
  if (ctx.Is(Engine::kMySql)) why = "a BEGIN commits gander's transaction implicitly";
  if (why.empty()) why = "the migration's COMMIT would end gander's transaction early";
  std::string where = (begins.empty() ? "" : "BEGIN at line " + Lines(begins)) +
                      (begins.empty() || ends.empty() ? "" : ", ") +
                      (ends.empty() ? "" : "COMMIT/ROLLBACK at line " + Lines(ends));
  int line = begins.empty() ? ends[0] : ends.empty() ? begins[0] : std::min(begins[0], ends[0]);
  ctx.Emit("GL203", line, "gander runs this migration in a transaction but it writes its own (" + where + "): " + why);
}

void CheckNoTransaction(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kPostgres) && !ctx.Is(Engine::kSqlite)) return;
  const PartView& p = ctx.part();
  bool explicit_tx = false;
  for (const Statement& s : p.statements) {
    if (s.kind == StmtKind::kBegin) explicit_tx = true;
    if (s.kind == StmtKind::kCommit || s.kind == StmtKind::kRollback) explicit_tx = false;
    std::string what = OutsideTransactionOnly(s, *ctx.engine());
    if (what.empty()) continue;
    if (p.part->use_tx) {
      ctx.Emit("GL201", s.line, what + " cannot run inside a transaction block, and gander runs this migration in one " +
                                    "(no -- +goose NO TRANSACTION)");
    } else if (explicit_tx) {
      ctx.Emit("GL201", s.line, what + " cannot run inside a transaction block: it follows the file's own BEGIN");
    } else if (s.shares_string && ctx.Is(Engine::kPostgres)) {
      ctx.Emit("GL201", s.line, what + " is sent in one string with other statements, which PostgreSQL runs as one " +
                                    "transaction block: end the line after its ;");
    }
  }
}

void CheckMySqlCommits(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kMySql)) return;
  const std::vector<Statement>& st = ctx.part().statements;
  std::vector<size_t> ddl;
  size_t dml = 0;
  for (size_t i = 0; i < st.size(); ++i) {
    if (st[i].implicit_commit) ddl.push_back(i);
    if (st[i].kind == StmtKind::kDml) ++dml;
  }
  if (ddl.empty() || ddl.size() + dml < 2) return;
  // A failure of the last statement: a DDL leaves everything before it
  // applied; a DML everything up to the last DDL before it.
  size_t last = st.size() - 1;
  size_t kept = st[last].implicit_commit ? last : 0;
  for (size_t i : ddl) {
    if (!st[last].implicit_commit && i < last) kept = i + 1;
  }
  std::vector<int> lines;
  for (size_t i = 0; i < kept; ++i) lines.push_back(st[i].line);
  std::string message = std::to_string(ddl.size()) + " of this migration's " + std::to_string(ddl.size() + dml) +
                        " statements are DDL, which MySQL/MariaDB commit at once: it cannot be undone as one";
  if (!lines.empty()) {
    message += "; if the statement at line " + std::to_string(st[last].line) + " fails, line" +
               (lines.size() > 1 ? "s " : " ") + Lines(lines) + (lines.size() > 1 ? " stay" : " stays") +
               " applied and the migration is left dirty";
  }
  ctx.Emit("GL202", st[ddl[0]].line, message);
}

void CheckSqlitePragma(const RuleContext& ctx) {
  if (!ctx.Is(Engine::kSqlite) || !ctx.part().part->use_tx) return;
  for (const Statement& s : ctx.part().statements) {
    if (s.kind == StmtKind::kPragma && s.setting == "foreign_keys") {
      ctx.Emit("GL204", s.line, "PRAGMA foreign_keys has no effect inside a transaction, and gander runs this migration in one");
      return;
    }
  }
}

}  // namespace

void CheckTransactions(const RuleContext& ctx) {
  CheckOwnTransaction(ctx);
  CheckNoTransaction(ctx);
  CheckMySqlCommits(ctx);
  CheckSqlitePragma(ctx);
}

}  // namespace gander::lint
