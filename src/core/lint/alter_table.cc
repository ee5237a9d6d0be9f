// ALTER TABLE: the table, then each comma-separated action.
#include "core/lint/alter_table.h"

#include "core/lint/parse_parts.h"

namespace gander::lint {
namespace {

using K = AlterAction::Kind;

void ReadAdd(Cursor& c, AlterAction a, std::vector<AlterAction>* out) {
  if (c.Accept("COLUMN")) {
    a.if_exists = c.Accept({"IF", "NOT", "EXISTS"});
  } else if (AtTableConstraint(c)) {
    a.kind = K::kAddConstraint;
    a.constraint = ReadTableConstraint(c);
    out->push_back(std::move(a));
    return;
  } else if (c.IsWord("PARTITION")) {
    out->push_back(std::move(a));  // kOther: adding a partition copies nothing
    return;
  } else if (c.IsPunct("(")) {  // MySQL ADD (a INT, b INT)
    for (const TokenRange& item : c.Parenthesized()) {
      Cursor col = c.Sub(item);
      AlterAction each = a;
      each.kind = K::kAddColumn;
      each.def = ReadColumnDef(col);
      each.column = each.def.name;
      out->push_back(std::move(each));
    }
    return;
  } else {
    a.if_exists = c.Accept({"IF", "NOT", "EXISTS"});
  }
  a.kind = K::kAddColumn;
  a.def = ReadColumnDef(c);
  a.column = a.def.name;
  out->push_back(std::move(a));
}

void ReadDrop(Cursor& c, AlterAction* a) {
  if (c.Accept("CONSTRAINT") || c.Accept("CHECK")) {
    a->kind = K::kDropConstraint;
    a->if_exists = c.Accept({"IF", "EXISTS"});
    a->name = c.Name();
  } else if (c.Accept("INDEX") || c.Accept("KEY")) {
    a->kind = K::kDropIndex;
    a->name = c.Name();
  } else if (c.Accept({"PRIMARY", "KEY"})) {
    a->kind = K::kDropPrimaryKey;
  } else if (c.Accept({"FOREIGN", "KEY"})) {
    a->kind = K::kDropForeignKey;
    a->if_exists = c.Accept({"IF", "EXISTS"});
    a->name = c.Name();
  } else if (c.IsWord("PARTITION") || c.IsWord("DEFAULT")) {
    a->kind = K::kOther;
  } else {
    c.Accept("COLUMN");
    a->kind = K::kDropColumn;
    a->if_exists = c.Accept({"IF", "EXISTS"});
    a->column = c.Name();
  }
}

void ReadAlterColumn(Cursor& c, AlterAction* a) {
  if (c.IsWord("CONSTRAINT") || c.IsWord("INDEX") || c.IsWord("CHECK")) return;  // kOther
  c.Accept("COLUMN");
  a->column = c.Name();
  if (c.Accept({"SET", "DATA", "TYPE"}) || c.Accept("TYPE")) {
    a->kind = K::kAlterType;
    a->type = ReadType(c);
    while (!c.AtEnd()) {
      if (c.Accept("USING")) a->has_using = true;
      c.Next();
    }
  } else if (c.Accept({"SET", "NOT", "NULL"})) {
    a->kind = K::kSetNotNull;
  } else if (c.Accept({"DROP", "NOT", "NULL"})) {
    a->kind = K::kDropNotNull;
  } else if (c.Accept({"SET", "DEFAULT"})) {
    a->kind = K::kSetDefault;
  } else if (c.Accept({"DROP", "DEFAULT"})) {
    a->kind = K::kDropDefault;
  }
}

void ReadRename(Cursor& c, AlterAction* a) {
  if (c.Accept("COLUMN")) {
    a->kind = K::kRenameColumn;
    a->column = c.Name();
    c.Accept("TO");
    a->new_name = c.Name();
  } else if (c.IsWord("CONSTRAINT") || c.IsWord("INDEX") || c.IsWord("KEY")) {
    a->kind = K::kOther;
  } else if (c.Accept("TO") || c.Accept("AS")) {
    a->kind = K::kRenameTo;
    a->new_name = c.Name();
  } else if (c.IsName() && c.IsWord("TO", 1)) {  // PostgreSQL: RENAME a TO b (a column)
    a->kind = K::kRenameColumn;
    a->column = c.Name();
    c.Accept("TO");
    a->new_name = c.Name();
  } else {  // MySQL: RENAME new_name
    a->kind = K::kRenameTo;
    a->new_name = c.Name();
  }
}

// One action; ADD may yield several (MySQL `ADD (a INT, b INT)`).
void ReadAction(Cursor& c, int line, std::vector<AlterAction>* out) {
  AlterAction a;
  a.line = line;
  if (c.Accept("ADD")) {
    ReadAdd(c, std::move(a), out);
    return;
  }
  if (c.Accept("DROP")) {
    ReadDrop(c, &a);
  } else if (c.Accept("ALTER")) {
    ReadAlterColumn(c, &a);
  } else if (c.Accept("MODIFY")) {
    c.Accept("COLUMN");
    a.kind = K::kModifyColumn;
    a.def = ReadColumnDef(c);
    a.column = a.def.name;
    a.new_name = a.def.name;
  } else if (c.Accept("CHANGE")) {
    c.Accept("COLUMN");
    a.kind = K::kModifyColumn;
    a.column = c.Name();
    a.def = ReadColumnDef(c);
    a.new_name = a.def.name;
  } else if (c.Accept("RENAME")) {
    ReadRename(c, &a);
  } else if (c.Accept({"VALIDATE", "CONSTRAINT"})) {
    a.kind = K::kValidateConstraint;
    a.name = c.Name();
  } else if (c.IsWord("ALGORITHM") || c.IsWord("LOCK") || c.IsWord("AUTO_INCREMENT") || c.IsWord("COMMENT") ||
             c.IsWord("COLLATE") || c.IsWord("CHARSET") || c.IsWord("DEFAULT") ||
             (c.IsWord("CHARACTER") && c.IsWord("SET", 1))) {
    a.kind = K::kOption;
    a.option = c.Peek().upper;
    while (!c.AtEnd() && !c.IsPunct("=")) c.Next();
    c.AcceptPunct("=");
    a.value = c.Peek().kind == Token::Kind::kWord ? c.Peek().upper : c.Peek().text;
  } else if (c.IsWord("ENGINE") || c.IsWord("FORCE") || c.IsWord("CONVERT") || c.IsWord("REORGANIZE") ||
             c.IsWord("COALESCE") || (c.IsWord("ORDER") && c.IsWord("BY", 1)) ||
             (c.IsWord("REMOVE") && c.IsWord("PARTITIONING", 1)) || (c.IsWord("PARTITION") && c.IsWord("BY", 1))) {
    a.kind = K::kRebuild;
    a.option = c.Peek().upper;
    if (a.option == "CONVERT") a.option = "CONVERT TO CHARACTER SET";
    if (a.option == "ORDER" || a.option == "PARTITION") a.option += " BY";
    if (a.option == "REMOVE") a.option = "REMOVE PARTITIONING";
    if (a.option == "REORGANIZE" || a.option == "COALESCE") a.option += " PARTITION";
  } else if (c.Accept("SET") && (c.IsWord("TABLESPACE") || c.IsWord("LOGGED") || c.IsWord("UNLOGGED"))) {
    a.kind = K::kRebuild;
    a.option = "SET " + c.Peek().upper;
  }
  out->push_back(std::move(a));
}

}  // namespace

void ReadAlterTable(Cursor& c, int first_line, Statement* s) {
  s->kind = StmtKind::kAlterTable;
  c.Accept("IF");
  c.Accept("EXISTS");
  c.Accept("ONLY");
  s->name = c.Name();
  c.AcceptPunct("*");
  // Top-level comma-separated actions.
  size_t start = c.pos();
  int depth = 0;
  for (size_t i = c.pos(); i <= c.end(); ++i) {
    bool comma = false;
    if (i < c.end()) {
      const Token& t = c.At(i);
      bool punct = t.kind == Token::Kind::kPunct;
      if (punct && t.text == "(") ++depth;
      if (punct && t.text == ")" && depth > 0) --depth;
      comma = punct && depth == 0 && t.text == ",";
      if (!comma) continue;
    }
    if (i > start) {
      Cursor action = c.Sub({start, i});
      ReadAction(action, first_line + c.At(start).line, &s->actions);
    }
    start = i + 1;
  }
  for (const AlterAction& a : s->actions) {
    if (a.kind == K::kOption && (a.option == "ALGORITHM" || a.option == "LOCK")) s->options.emplace_back(a.option, a.value);
  }
}

}  // namespace gander::lint
