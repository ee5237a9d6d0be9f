#include "core/lint/statement.h"

#include "core/lint/alter_table.h"
#include "core/lint/create_drop.h"
#include "core/lint/parse_parts.h"

namespace gander::lint {
namespace {

using Kind = Token::Kind;

void ReadDml(Cursor& c, Statement* s) {
  s->kind = StmtKind::kDml;
  std::string verb = c.Peek().upper;
  c.Next();
  if (verb == "LOAD") {
    while (!c.AtEnd() && !c.IsWord("TABLE")) c.Next();
    c.Next();
  } else {
    // INSERT OR REPLACE INTO (SQLite), INSERT IGNORE / LOW_PRIORITY INTO (MySQL)
    if (c.Accept("OR")) c.Next();
    while (c.Accept("IGNORE") || c.Accept("LOW_PRIORITY") || c.Accept("DELAYED") || c.Accept("HIGH_PRIORITY") ||
           c.Accept("QUICK")) {
    }
    if (!c.Accept("INTO")) c.Accept("FROM");
    c.Accept("ONLY");
  }
  s->target = c.Name();
}

void ReadSet(Cursor& c, Statement* s) {
  s->kind = StmtKind::kSet;
  c.Next();
  while (c.Accept("SESSION") || c.Accept("LOCAL") || c.Accept("GLOBAL") || c.AcceptPunct("@")) {
  }
  s->setting = c.Name();
  if (!c.Accept("TO")) c.AcceptPunct("=");
  for (; !c.AtEnd(); c.Next()) {
    const Token& t = c.Peek();
    s->setting_value += (s->setting_value.empty() ? "" : " ") + (t.kind == Kind::kWord ? t.upper : t.text);
  }
}

void ReadOther(Cursor& c, Statement* s) {
  const std::string& kw = s->keyword;
  if (kw == "BEGIN" || kw == "START") {
    // BEGIN [TRANSACTION | WORK | IMMEDIATE | ...]; a lone BEGIN; START TRANSACTION
    bool tx = kw == "BEGIN" ? true : c.IsWord("TRANSACTION", 1);
    s->kind = tx ? StmtKind::kBegin : StmtKind::kOther;
  } else if (kw == "COMMIT" || kw == "END") {
    s->kind = StmtKind::kCommit;
  } else if (kw == "ROLLBACK" || kw == "ABORT") {
    c.Next();
    if (!c.Accept("TRANSACTION")) c.Accept("WORK");
    s->kind = c.IsWord("TO") ? StmtKind::kOther : StmtKind::kRollback;
  } else if (kw == "SET") {
    ReadSet(c, s);
  } else if (kw == "PRAGMA") {
    s->kind = StmtKind::kPragma;
    c.Next();
    s->setting = c.Name();
    c.AcceptPunct("=");
    c.AcceptPunct("(");
    s->setting_value = c.Peek().kind == Kind::kWord ? c.Peek().upper : c.Peek().text;
  } else if (kw == "INSERT" || kw == "UPDATE" || kw == "DELETE" || kw == "MERGE" || kw == "REPLACE" ||
             kw == "COPY" || kw == "LOAD" || kw == "UPSERT") {
    ReadDml(c, s);
  } else if (kw == "SELECT" || kw == "VALUES" || kw == "TABLE" || kw == "WITH") {
    s->kind = StmtKind::kSelect;
    // WITH ... INSERT / UPDATE / DELETE: the verb after the CTEs makes it DML.
    for (Cursor w = c; !w.AtEnd(); w.Next()) {
      if (kw == "WITH" && (w.IsWord("INSERT") || w.IsWord("UPDATE") || w.IsWord("DELETE") || w.IsWord("MERGE"))) {
        ReadDml(w, s);
        break;
      }
    }
  } else if (kw == "DO") {
    s->kind = StmtKind::kDo;
  } else if (kw == "VACUUM" || kw == "CLUSTER" || kw == "REINDEX") {
    s->kind = kw == "VACUUM" ? StmtKind::kVacuum : kw == "CLUSTER" ? StmtKind::kCluster : StmtKind::kReindex;
    c.Next();
    for (Cursor w = c; !w.AtEnd(); w.Next()) {
      if (w.IsWord("FULL")) s->full = true;
      if (w.IsWord("CONCURRENTLY")) s->concurrently = true;
    }
    if (c.IsPunct("(")) c.Parenthesized();
    while (c.Accept("FULL") || c.Accept("VERBOSE") || c.Accept("ANALYZE") || c.Accept("FREEZE") ||
           c.Accept("CONCURRENTLY") || c.Accept("INDEX") || c.Accept("TABLE") || c.Accept("SCHEMA") ||
           c.Accept("DATABASE") || c.Accept("SYSTEM")) {
    }
    s->name = c.Name();
  } else if (kw == "LOCK") {
    s->kind = StmtKind::kLockTable;
    c.Next();
    if (!c.Accept("TABLE")) c.Accept("TABLES");
    s->name = c.Name();
  } else if (kw == "GRANT" || kw == "REVOKE" || kw == "COMMENT" || kw == "ANALYZE" || kw == "OPTIMIZE" ||
             kw == "REPAIR" || kw == "SECURITY" || kw == "REFRESH") {
    s->kind = StmtKind::kOtherDdl;
  }
}

}  // namespace

Statement Classify(const std::vector<Token>& tokens, TokenRange range, int first_line) {
  Statement s;
  Cursor c(tokens, range);
  if (c.AtEnd()) return s;
  s.line = first_line + c.Peek().line;
  s.keyword = c.Peek().upper;
  for (size_t i = range.begin; i < range.end; ++i) {
    if (tokens[i].kind != Kind::kWord && tokens[i].kind != Kind::kQuoted) continue;
    std::string name = Cursor::Lower(tokens[i].text);
    bool alias = i > range.begin && tokens[i - 1].kind == Kind::kWord && tokens[i - 1].upper == "AS";
    if (!alias) s.references.insert(name);
    s.idents.insert(std::move(name));
  }
  const std::string kw = s.keyword;
  if (kw == "CREATE") {
    c.Next();
    ReadCreate(c, &s);
  } else if (kw == "ALTER") {
    c.Next();
    while (c.Accept("ONLINE") || c.Accept("OFFLINE") || c.Accept("IGNORE")) {
    }
    if (c.Accept("TABLE")) {
      ReadAlterTable(c, first_line, &s);
    } else if (c.Accept("TYPE")) {
      s.kind = StmtKind::kAlterType;
      s.name = c.Name();
      s.enum_add_value = c.Accept({"ADD", "VALUE"});
      s.enum_rename_value = c.Accept({"RENAME", "VALUE"});
      c.Accept({"IF", "NOT", "EXISTS"});
      if (s.enum_add_value) s.enum_value = c.Peek().text;
      for (; !c.AtEnd(); c.Next()) {
        if (c.IsWord("BEFORE") || c.IsWord("AFTER")) {
          s.enum_positioned = true;
          (c.IsWord("BEFORE") ? s.enum_before : s.enum_after) = c.Peek(1).text;
        }
      }
    } else {
      s.kind = c.IsWord("SYSTEM") ? StmtKind::kAlterSystem : StmtKind::kOtherDdl;
      if (c.IsWord("TABLESPACE")) s.kind = StmtKind::kTablespace;
    }
  } else if (kw == "DROP") {
    c.Next();
    ReadDrop(c, &s);
  } else if (kw == "RENAME") {
    c.Next();
    s.kind = StmtKind::kOtherDdl;
    if (c.Accept("TABLE") || c.Accept("TABLES")) {
      s.kind = StmtKind::kRenameTable;
      do {
        std::string from = c.Name();
        c.Accept("TO");
        std::string to = c.Name();
        if (from.empty() || to.empty()) break;
        s.renames.emplace_back(from, to);
      } while (c.AcceptPunct(","));
    }
  } else if (kw == "TRUNCATE") {
    c.Next();
    s.kind = StmtKind::kTruncate;
    c.Accept("TABLE");
    c.Accept("ONLY");
    s.names = ReadNameList(c);
    if (!s.names.empty()) s.name = s.names[0];
  } else {
    ReadOther(c, &s);
  }
  if (s.kind == StmtKind::kSelect && s.idents.count("set_config")) {
    for (size_t i = range.begin; i < range.end; ++i) {
      if (tokens[i].kind == Kind::kString && Cursor::Lower(tokens[i].text) == "lock_timeout") s.setting = "lock_timeout";
    }
  }
  if (s.kind == StmtKind::kDml || s.kind == StmtKind::kCreateView || s.kind == StmtKind::kSelect ||
      (s.kind == StmtKind::kCreateTable && s.as_select)) {
    s.sources = ReadSources(tokens, range);
  }
  for (const char* w : {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK", "UNLOCK",
                        "ANALYZE", "OPTIMIZE", "REPAIR", "INSTALL", "UNINSTALL"}) {
    if (kw == w) s.implicit_commit = !s.temporary;
  }
  return s;
}

std::vector<Statement> ClassifyText(const std::string& sql, int first_line, SqlFlavor flavor) {
  std::vector<Token> tokens = Tokenize(sql, flavor);
  std::vector<TokenRange> ranges = SplitStatements(tokens);
  std::vector<Statement> out;
  for (const TokenRange& r : ranges) {
    out.push_back(Classify(tokens, r, first_line));
    out.back().shares_string = ranges.size() > 1;
  }
  return out;
}

}  // namespace gander::lint
