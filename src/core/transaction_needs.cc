#include "core/transaction_needs.h"

#include <algorithm>
#include <set>

#include "core/lint/tokens.h"

namespace gander {
namespace {

using lint::Engine;
using lint::StmtKind;
using lint::Token;
using lint::TokenRange;

bool IsWord(const Token& t, const char* upper) { return t.kind == Token::Kind::kWord && t.upper == upper; }

// PostgreSQL 13+: ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY.
bool DetachesConcurrently(const std::vector<Token>& tokens, TokenRange r) {
  bool detach = false;
  for (size_t i = r.begin; i < r.end; ++i) {
    if (IsWord(tokens[i], "DETACH")) detach = true;
    if (detach && IsWord(tokens[i], "CONCURRENTLY")) return true;
  }
  return false;
}

// SQLite pragmas whose value lives in the connection, not in the database file.
bool IsConnectionPragma(const std::string& name) {
  static const std::set<std::string> kNames = {
      "foreign_keys",      "defer_foreign_keys", "legacy_alter_table", "recursive_triggers",
      "ignore_check_constraints", "case_sensitive_like", "reverse_unordered_selects", "query_only",
      "trusted_schema",    "busy_timeout",       "cache_size",         "temp_store",
      "synchronous",       "cell_size_check",    "automatic_index",    "count_changes",
  };
  return kNames.count(name) > 0;
}

// Only the session changes: nothing a later connection would see.
bool SessionOnly(const lint::Statement& s, const std::vector<Token>& tokens, TokenRange r, Engine engine) {
  if (s.kind == StmtKind::kSet) {
    // MySQL's SET GLOBAL / PERSIST (or @@global.x) outlive the session.
    for (size_t i = r.begin; i < r.end && i < r.begin + 4; ++i) {
      if (IsWord(tokens[i], "GLOBAL") || IsWord(tokens[i], "PERSIST") || IsWord(tokens[i], "PERSIST_ONLY")) {
        return false;
      }
    }
    return true;
  }
  if (engine == Engine::kPostgres && (s.keyword == "RESET" || s.keyword == "DISCARD")) return true;
  return s.kind == StmtKind::kPragma && engine == Engine::kSqlite && IsConnectionPragma(s.setting);
}

// An ALTER TYPE ... ADD VALUE, to be decided once the statements after it are known.
struct AddedValue {
  size_t statement;
  size_t token_end;  // where its SQL statement ends in that statement's tokens
  int line;
  std::string value;
};

// The first line at or after (statement, token_end) where `value` is written as a string literal, or 0.
int LaterUse(const std::vector<std::vector<Token>>& tokens, const std::vector<SqlStatement>& statements,
             const AddedValue& added) {
  for (size_t j = added.statement; j < tokens.size(); ++j) {
    for (size_t k = j == added.statement ? added.token_end : 0; k < tokens[j].size(); ++k) {
      const Token& t = tokens[j][k];
      if (t.kind == Token::Kind::kString && t.text == added.value) return statements[j].line + t.line;
    }
  }
  return 0;
}

}  // namespace

std::string OutsideTransactionOnly(const lint::Statement& s, Engine engine) {
  if (engine == Engine::kSqlite) return s.kind == StmtKind::kVacuum ? "VACUUM" : "";
  if (engine != Engine::kPostgres) return "";
  switch (s.kind) {
    case StmtKind::kCreateIndex: return s.concurrently ? "CREATE INDEX CONCURRENTLY" : "";
    case StmtKind::kDropIndex: return s.concurrently ? "DROP INDEX CONCURRENTLY" : "";
    case StmtKind::kReindex: return s.concurrently ? "REINDEX CONCURRENTLY" : "";
    case StmtKind::kVacuum: return "VACUUM";
    case StmtKind::kAlterSystem: return "ALTER SYSTEM";
    case StmtKind::kCreateDatabase: return "CREATE DATABASE";
    case StmtKind::kDropDatabase: return "DROP DATABASE";
    case StmtKind::kTablespace: return s.keyword == "ALTER" ? "" : s.keyword + " TABLESPACE";
    case StmtKind::kCluster: return s.name.empty() ? "CLUSTER without a table" : "";
    default: return "";
  }
}

std::string TransactionNeeds::Reason() const {
  auto at = [](const TxFinding& f) { return f.what + " at line " + std::to_string(f.line); };
  if (!outside.empty()) {
    std::string more = outside.size() > 1 ? " (and " + std::to_string(outside.size() - 1) + " more)" : "";
    return at(outside.front()) + more + ", which cannot run inside a transaction block";
  }
  if (!control.empty()) return "it writes its own transaction (" + at(control.front()) + ")";
  if (!ineffective.empty()) return at(ineffective.front()) + ", which does nothing inside a transaction";
  return "";
}

TransactionNeeds ReadTransactionNeeds(const MigrationPart& part, Engine engine, int server_major) {
  TransactionNeeds out;
  SqlFlavor flavor = engine == Engine::kMySql ? SqlFlavor::kMySql : SqlFlavor::kStandard;
  std::vector<std::vector<Token>> tokens(part.statements.size());
  std::vector<AddedValue> added;
  bool open = false;  // the file's own transaction, as the statements so far leave it
  for (size_t i = 0; i < part.statements.size(); ++i) {
    const SqlStatement& stmt = part.statements[i];
    tokens[i] = lint::Tokenize(stmt.text, flavor);
    bool was_open = open, ended = false, reopened = false, implicit = false, durable_after_end = false;
    bool session = true;
    for (const TokenRange& r : lint::SplitStatements(tokens[i])) {
      lint::Statement s = lint::Classify(tokens[i], r, stmt.line);
      std::string what = OutsideTransactionOnly(s, engine);
      if (what.empty() && engine == Engine::kPostgres && s.kind == StmtKind::kAlterTable &&
          DetachesConcurrently(tokens[i], r)) {
        what = "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY";
      }
      if (!what.empty()) out.outside.push_back({i, s.line, what});
      if (engine == Engine::kPostgres && s.kind == StmtKind::kAlterType && s.enum_add_value) {
        added.push_back({i, r.end, s.line, s.enum_value});
      }
      if (engine == Engine::kSqlite && s.kind == StmtKind::kPragma && s.setting == "foreign_keys") {
        out.ineffective.push_back({i, s.line, "PRAGMA foreign_keys"});
      }
      bool quiet = SessionOnly(s, tokens[i], r, engine);
      session = session && quiet;
      if (s.kind == StmtKind::kBegin) {
        out.control.push_back({i, s.line, s.keyword == "START" ? "START TRANSACTION" : "BEGIN"});
        reopened = reopened || ended;
        open = true;
      } else if (s.kind == StmtKind::kCommit || s.kind == StmtKind::kRollback) {
        out.control.push_back({i, s.line, s.keyword});
        ended = ended || open;
        open = false;
      } else if (engine == Engine::kMySql && s.implicit_commit && open) {
        ended = implicit = true;  // MySQL commits the open transaction before a DDL statement
        open = false;
      } else if (ended && !open && !quiet) {
        durable_after_end = true;
      }
    }
    OwnTxEffect effect = OwnTxEffect::kNone;
    if (!was_open && open) {
      effect = reopened ? OwnTxEffect::kOther : OwnTxEffect::kOpens;
    } else if (was_open && !open) {
      effect = durable_after_end || implicit ? OwnTxEffect::kOther : OwnTxEffect::kCloses;
    } else if (was_open && open && ended) {
      effect = OwnTxEffect::kOther;
    }
    out.effects.push_back(effect);
    out.open_after.push_back(open);
    out.session_only.push_back(session);
  }
  for (const AddedValue& a : added) {
    if (server_major > 0 && server_major < 12) {
      out.outside.push_back({a.statement, a.line, "ALTER TYPE ... ADD VALUE (PostgreSQL " +
                                                      std::to_string(server_major) + ")"});
    } else if (int use = LaterUse(tokens, part.statements, a)) {
      out.outside.push_back({a.statement, a.line, "ALTER TYPE ... ADD VALUE '" + a.value + "' (used at line " +
                                                      std::to_string(use) + " before it is committed)"});
    }
  }
  std::stable_sort(out.outside.begin(), out.outside.end(),
                   [](const TxFinding& x, const TxFinding& y) { return x.line < y.line; });
  return out;
}

void DecideTransactions(SourceFormat format, const RunTarget& target, ParsedMigration* m) {
  if (format != SourceFormat::kPaired) return;
  auto decide = [&](MigrationPart& part) {
    if (!part.use_tx) return;
    TransactionNeeds needs = ReadTransactionNeeds(part, target.engine, target.server_major);
    if (!needs.runs_outside()) return;
    part.use_tx = false;
    part.outside_tx_reason = needs.Reason();
  };
  decide(m->up);
  if (m->down) decide(*m->down);
}

Status GooseTransactionProblem(const MigrationPart& part, const std::string& file, const RunTarget& target) {
  if (!part.use_tx) return Status::OK();
  TransactionNeeds needs = ReadTransactionNeeds(part, target.engine, target.server_major);
  const char* fix = "; add `-- +goose NO TRANSACTION` to the file (goose would fail on it as well)";
  if (!needs.outside.empty()) {
    const TxFinding& f = needs.outside.front();
    return Status::Refused(f.what + " cannot run inside a transaction block, and this migration runs in one" + fix)
        .At(file, f.line);
  }
  if (!needs.control.empty()) {
    const TxFinding& f = needs.control.front();
    return Status::Refused(f.what + ": the file manages its own transaction inside the one goose opens for it" + fix)
        .At(file, f.line);
  }
  return Status::OK();
}

}  // namespace gander
