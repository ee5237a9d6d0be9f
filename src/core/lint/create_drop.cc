// CREATE and DROP statements of the classifier (statement.cc).
#include "core/lint/create_drop.h"

#include "core/lint/parse_parts.h"

namespace gander::lint {
namespace {

using Kind = Token::Kind;

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

}  // namespace

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
  s->names = ReadNameList(c);
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

}  // namespace gander::lint
