#include "core/lint/statement.h"

#include "core/lint/alter_table.h"
#include "core/lint/parse_parts.h"

namespace gander::lint {
namespace {

using Kind = Token::Kind;

std::vector<std::string> NameList(Cursor& c) {
  std::vector<std::string> names;
  do {
    std::string n = c.Name();
    if (n.empty()) break;
    names.push_back(n);
  } while (c.AcceptPunct(","));
  return names;
}

// MySQL index options anywhere after the key list: ALGORITHM [=] x, LOCK [=] x.
void ReadIndexOptions(Cursor& c, Statement* s) {
  while (!c.AtEnd()) {
    if (c.IsWord("ALGORITHM") || c.IsWord("LOCK")) {
      std::string option = c.Peek().upper;
      c.Next();
      c.AcceptPunct("=");
      s->options.emplace_back(option, c.Peek().kind == Kind::kWord ? c.Peek().upper : c.Peek().text);
    }
    c.Next();
  }
}

void ReadCreateTable(Cursor& c, Statement* s) {
  s->kind = StmtKind::kCreateTable;
  s->if_not_exists = c.Accept({"IF", "NOT", "EXISTS"});
  s->name = c.Name();
  if (c.IsPunct("(")) {
    for (const TokenRange& item : c.Parenthesized()) {
      Cursor e = c.Sub(item);
      if (e.IsWord("LIKE")) {
        s->as_select = true;
      } else if (AtTableConstraint(e)) {
        s->constraints.push_back(ReadTableConstraint(e));
      } else {
        s->column_defs.push_back(ReadColumnDef(e));
      }
    }
  }
  // CREATE TABLE t AS SELECT ..., ... LIKE other, ... PARTITION OF parent
  while (!c.AtEnd()) {
    if (c.IsWord("AS") || c.IsWord("LIKE") || (c.IsWord("PARTITION") && c.IsWord("OF", 1))) s->as_select = true;
    c.Next();
  }
}

void ReadCreateIndex(Cursor& c, Statement* s) {
  s->kind = StmtKind::kCreateIndex;
  s->concurrently = c.Accept("CONCURRENTLY");
  s->if_not_exists = c.Accept({"IF", "NOT", "EXISTS"});
  if (!c.IsWord("ON")) s->name = c.Name();
  if (c.Accept("USING")) c.Next();  // MySQL index type before ON
  c.Accept("ON");
  c.Accept("ONLY");
  s->table = c.Name();
  if (c.Accept("USING")) c.Next();  // PostgreSQL method: gin, gist, ...
  if (c.IsPunct("(")) s->columns = ReadColumnList(c);
  ReadIndexOptions(c, s);
}

void ReadCreate(Cursor& c, Statement* s) {
  s->kind = StmtKind::kOtherDdl;
  s->or_replace = c.Accept({"OR", "REPLACE"});
  for (bool more = true; more && !c.AtEnd();) {
    more = true;
    if (c.Accept("TEMP") || c.Accept("TEMPORARY")) {
      s->temporary = true;
    } else if (c.Accept("UNIQUE")) {
      s->unique = true;
    } else if (c.IsWord("FULLTEXT") || c.IsWord("SPATIAL")) {
      s->index_kind = c.Peek().upper;
      c.Next();
    } else if (c.Accept("DEFINER") || c.Accept("ALGORITHM")) {  // DEFINER = user@host, ALGORITHM = MERGE
      c.AcceptPunct("=");
      while (!c.AtEnd() && !c.IsWord("VIEW") && !c.IsWord("TRIGGER") && !c.IsWord("PROCEDURE") &&
             !c.IsWord("FUNCTION") && !c.IsWord("EVENT") && !c.IsWord("SQL")) {
        c.Next();
      }
    } else if (c.Accept({"SQL", "SECURITY"})) {
      c.Next();
    } else if (!(c.Accept("GLOBAL") || c.Accept("LOCAL") || c.Accept("UNLOGGED") || c.Accept("MATERIALIZED") ||
                 c.Accept("RECURSIVE") || c.Accept("ONLINE") || c.Accept("CONSTRAINT") || c.Accept("AGGREGATE"))) {
      more = false;
    }
  }
  if (c.Accept("TABLE")) {
    ReadCreateTable(c, s);
  } else if (c.Accept("INDEX")) {
    ReadCreateIndex(c, s);
  } else if (c.Accept("VIEW")) {
    s->kind = StmtKind::kCreateView;
    s->if_not_exists = c.Accept({"IF", "NOT", "EXISTS"});
    s->name = c.Name();
  } else if (c.Accept("SCHEMA") || c.Accept("DATABASE")) {
    s->kind = c.At(c.pos() - 1).upper == "SCHEMA" ? StmtKind::kCreateSchema : StmtKind::kCreateDatabase;
    s->if_not_exists = c.Accept({"IF", "NOT", "EXISTS"});
    s->name = c.Name();
  } else if (c.Accept("TYPE")) {
    s->kind = StmtKind::kCreateType;
    s->name = c.Name();
    if (c.Accept({"AS", "ENUM"})) {
      for (const TokenRange& item : c.Parenthesized()) s->enum_values.push_back(c.At(item.begin).text);
    }
  } else if (c.IsWord("TRIGGER") || c.IsWord("FUNCTION") || c.IsWord("PROCEDURE") || c.IsWord("EVENT")) {
    s->kind = StmtKind::kCreateRoutine;
    bool trigger = c.Accept("TRIGGER");
    while (trigger && !c.AtEnd() && !c.IsWord("ON")) c.Next();
    if (c.Accept("ON")) s->table = c.Name();
  } else if (c.IsWord("TABLESPACE")) {
    s->kind = StmtKind::kTablespace;
  }
}

void ReadDrop(Cursor& c, Statement* s) {
  s->kind = StmtKind::kOtherDdl;
  s->temporary = c.Accept("TEMPORARY");
  if (c.Accept("TABLE")) {
    s->kind = StmtKind::kDropTable;
  } else if (c.Accept("INDEX")) {
    s->kind = StmtKind::kDropIndex;
    s->concurrently = c.Accept("CONCURRENTLY");
  } else if (c.Accept("VIEW") || c.Accept({"MATERIALIZED", "VIEW"})) {
    s->kind = StmtKind::kDropView;
  } else if (c.Accept("SCHEMA")) {
    s->kind = StmtKind::kDropSchema;
  } else if (c.Accept("DATABASE")) {
    s->kind = StmtKind::kDropDatabase;
  } else if (c.Accept("TABLESPACE")) {
    s->kind = StmtKind::kTablespace;
    return;
  } else {
    return;
  }
  s->if_exists = c.Accept({"IF", "EXISTS"});
  s->names = NameList(c);
  if (!s->names.empty()) s->name = s->names[0];
  if (s->kind == StmtKind::kDropIndex && c.Accept("ON")) s->table = c.Name();
  while (!c.AtEnd()) {
    if (c.IsWord("ALGORITHM") || c.IsWord("LOCK")) {
      ReadIndexOptions(c, s);
      break;
    }
    c.Next();
  }
}

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
    if (tokens[i].kind == Kind::kWord || tokens[i].kind == Kind::kQuoted) s.idents.insert(Cursor::Lower(tokens[i].text));
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
    s.names = NameList(c);
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
