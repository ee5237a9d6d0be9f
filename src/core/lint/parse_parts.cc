#include "core/lint/parse_parts.h"

#include <map>

namespace gander::lint {
namespace {

using Kind = Token::Kind;

// Spellings of one type -> gander's name for it.
const std::map<std::string, std::string>& TypeNames() {
  static const std::map<std::string, std::string> names = {
      {"INT", "INT"}, {"INTEGER", "INT"}, {"INT4", "INT"}, {"SERIAL", "INT"}, {"SERIAL4", "INT"},
      {"BIGINT", "BIGINT"}, {"INT8", "BIGINT"}, {"BIGSERIAL", "BIGINT"}, {"SERIAL8", "BIGINT"},
      {"SMALLINT", "SMALLINT"}, {"INT2", "SMALLINT"}, {"SMALLSERIAL", "SMALLINT"}, {"SERIAL2", "SMALLINT"},
      {"TINYINT", "TINYINT"}, {"MEDIUMINT", "MEDIUMINT"},
      {"CHARACTER VARYING", "VARCHAR"}, {"VARCHAR", "VARCHAR"}, {"NVARCHAR", "VARCHAR"},
      {"NATIONAL CHARACTER VARYING", "VARCHAR"}, {"CHAR VARYING", "VARCHAR"},
      {"CHARACTER", "CHAR"}, {"CHAR", "CHAR"}, {"BPCHAR", "CHAR"}, {"NCHAR", "CHAR"},
      {"DOUBLE PRECISION", "DOUBLE"}, {"DOUBLE", "DOUBLE"}, {"FLOAT8", "DOUBLE"},
      {"REAL", "REAL"}, {"FLOAT4", "REAL"},
      {"DECIMAL", "NUMERIC"}, {"NUMERIC", "NUMERIC"}, {"DEC", "NUMERIC"},
      {"BOOL", "BOOLEAN"}, {"BOOLEAN", "BOOLEAN"},
      {"TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ"}, {"TIMESTAMPTZ", "TIMESTAMPTZ"},
      {"TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP"}, {"TIME WITH TIME ZONE", "TIMETZ"},
      {"TIME WITHOUT TIME ZONE", "TIME"}, {"BIT VARYING", "VARBIT"},
  };
  return names;
}

bool IsSerial(const std::string& word) {
  return word == "SERIAL" || word == "SERIAL4" || word == "BIGSERIAL" || word == "SERIAL8" ||
         word == "SMALLSERIAL" || word == "SERIAL2";
}

// Words that end a type and start a column constraint.
bool IsConstraintWord(const Cursor& c) {
  for (const char* w : {"NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT",
                        "COLLATE", "GENERATED", "AUTO_INCREMENT", "AUTOINCREMENT", "COMMENT", "ON", "AS", "CHARSET",
                        "AFTER", "FIRST", "INVISIBLE", "VISIBLE", "KEY", "IDENTITY"}) {
    if (c.IsWord(w)) return true;
  }
  return c.IsWord("CHARACTER") && c.IsWord("SET", 1);
}

const char* const kVolatile[] = {"RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1", "UUID_GENERATE_V1MC",
                                 "UUID_GENERATE_V4", "UUIDV7", "UUID_GENERATE_V7", "CLOCK_TIMESTAMP",
                                 "TIMEOFDAY", "NEXTVAL", "SETVAL", "RAND", "UUID"};

// DEFAULT expr: reads to the next column constraint at depth 0, noting a
// volatile call, a NULL default, and expressions SQLite refuses in ADD COLUMN.
void ReadDefault(Cursor& c, ColumnDef* def) {
  def->has_default = true;
  def->default_null = c.IsWord("NULL");
  bool first = true;
  int depth = 0;
  while (!c.AtEnd()) {
    if (depth == 0 && !first && (IsConstraintWord(c) || c.IsPunct(","))) break;
    const Token& t = c.Peek();
    if (t.kind == Kind::kPunct && (t.text == "(" || t.text == "[")) {
      if (first) def->default_expression = true;
      ++depth;
    } else if (t.kind == Kind::kPunct && (t.text == ")" || t.text == "]")) {
      if (depth > 0) --depth;
    } else if (t.kind == Kind::kWord) {
      if (c.IsPunct("(", 1)) {
        for (const char* v : kVolatile) {
          if (t.upper == v) def->volatile_call = Cursor::Lower(t.text) + "()";
        }
      }
      if (t.upper == "CURRENT_TIMESTAMP" || t.upper == "CURRENT_DATE" || t.upper == "CURRENT_TIME") {
        def->default_expression = true;
      }
    }
    first = false;
    c.Next();
  }
}

// Skips a parenthesized group if the cursor is at one, else one token.
void Skip(Cursor& c) {
  if (c.IsPunct("(")) {
    c.Parenthesized();
  } else {
    c.Next();
  }
}

}  // namespace

SqlType ReadType(Cursor& c) {
  SqlType type;
  if (!c.IsName() || IsConstraintWord(c)) return type;
  size_t start = c.pos();
  // `public.citext`: the last part names the type.
  while (c.IsPunct(".", 1) && c.IsName(2)) {
    c.Next();
    c.Next();
  }
  const Token& last = c.Peek();
  std::string words = last.kind == Kind::kWord ? last.upper : Cursor::Lower(last.text);
  c.Next();
  bool serial = IsSerial(words);
  for (bool more = true; more && !c.AtEnd();) {
    more = true;
    if (c.IsPunct("(") && type.args.empty()) {
      for (const TokenRange& item : c.Parenthesized()) {
        const Token& arg = c.At(item.begin);
        type.args.push_back(arg.kind == Kind::kWord ? arg.upper : arg.text);
      }
    } else if (c.Accept({"WITH", "TIME", "ZONE"})) {
      words += " WITH TIME ZONE";
    } else if (c.Accept({"WITHOUT", "TIME", "ZONE"})) {
      words += " WITHOUT TIME ZONE";
    } else if (c.Accept("UNSIGNED") || c.Accept("SIGNED") || c.Accept("ZEROFILL")) {
      // MySQL attributes: the same kind of value, no new name
    } else if (c.IsWord("VARYING") || c.IsWord("PRECISION") ||
               (words == "NATIONAL" && (c.IsWord("CHARACTER") || c.IsWord("CHAR")))) {
      words += " " + c.Peek().upper;
      c.Next();
    } else {
      more = false;
    }
  }
  while (c.IsPunct("[")) {
    c.Next();
    if (c.Peek().kind == Kind::kNumber) c.Next();
    c.AcceptPunct("]");
    type.array = true;
  }
  if (c.Accept("ARRAY")) type.array = true;
  auto known = TypeNames().find(words);
  type.name = known != TypeNames().end() ? known->second : words;
  if (serial) type.args.clear();
  for (size_t i = start; i < c.pos(); ++i) {
    const Token& t = c.At(i);
    if (!type.written.empty() && t.space_before) type.written += " ";
    type.written += t.kind == Kind::kString ? "'" + t.text + "'" : t.text;
  }
  return type;
}

ColumnDef ReadColumnDef(Cursor& c) {
  ColumnDef def;
  def.name = c.Name();
  if (c.IsName() && !IsConstraintWord(c)) {
    std::string first = c.Peek().upper;
    def.type = ReadType(c);
    def.identity = IsSerial(first);
  }
  while (!c.AtEnd()) {
    if (c.Accept({"NOT", "NULL"})) {
      def.not_null = true;
    } else if (c.Accept("DEFAULT")) {
      ReadDefault(c, &def);
    } else if (c.Accept({"PRIMARY", "KEY"})) {
      def.primary_key = true;
      def.not_null = true;
    } else if (c.Accept("UNIQUE")) {
      def.unique = true;
      c.Accept("KEY");
    } else if (c.Accept("REFERENCES")) {
      def.references = true;
      def.references_table = c.Name();
      if (c.IsPunct("(")) c.Parenthesized();
    } else if (c.Accept("CHECK")) {
      def.check = true;
      if (c.IsPunct("(")) c.Parenthesized();
    } else if (c.Accept("CONSTRAINT")) {
      if (c.IsName() && !IsConstraintWord(c)) c.Next();
    } else if (c.Accept("COLLATE") || c.Accept({"CHARACTER", "SET"}) || c.Accept("CHARSET")) {
      c.AcceptPunct("=");
      if (!c.AtEnd()) def.collate = Cursor::Lower(c.Peek().text);
      c.Next();
    } else if (c.Accept("GENERATED")) {
      while (!c.AtEnd() && !c.IsWord("AS")) c.Next();
      c.Accept("AS");
      if (c.Accept("IDENTITY")) {
        def.identity = true;
        if (c.IsPunct("(")) c.Parenthesized();
      } else {
        if (c.IsPunct("(")) c.Parenthesized();
        def.generated_stored = c.IsWord("STORED") || c.IsWord("PERSISTENT");
      }
    } else if (c.Accept("AS")) {  // MySQL / SQLite generated column
      if (c.IsPunct("(")) c.Parenthesized();
      def.generated_stored = c.IsWord("STORED") || c.IsWord("PERSISTENT");
    } else if (c.Accept("AUTO_INCREMENT") || c.Accept("AUTOINCREMENT")) {
      def.auto_increment = true;
    } else {
      Skip(c);
    }
  }
  return def;
}

bool AtTableConstraint(const Cursor& c) {
  for (const char* w : {"CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "FULLTEXT", "SPATIAL"}) {
    if (c.IsWord(w)) return true;
  }
  // MySQL `KEY name (cols)` / `INDEX name (cols)`; a column named `key` has a type after it.
  return (c.IsWord("KEY") || c.IsWord("INDEX")) && (c.IsPunct("(", 1) || c.IsPunct("(", 2) || c.IsWord("USING", 2));
}

Constraint ReadTableConstraint(Cursor& c) {
  Constraint k;
  if (c.Accept("CONSTRAINT") && c.IsName() && !AtTableConstraint(c)) k.name = c.Name();
  using K = Constraint::Kind;
  if (c.Accept({"PRIMARY", "KEY"})) {
    k.kind = K::kPrimaryKey;
  } else if (c.Accept("UNIQUE")) {
    k.kind = K::kUnique;
    if (!c.Accept("KEY")) c.Accept("INDEX");
  } else if (c.Accept({"FOREIGN", "KEY"})) {
    k.kind = K::kForeignKey;
  } else if (c.Accept("CHECK")) {
    k.kind = K::kCheck;
  } else if (c.Accept("EXCLUDE")) {
    k.kind = K::kExclude;
  } else if (c.Accept("FULLTEXT")) {
    k.kind = K::kFulltext;
    if (!c.Accept("KEY")) c.Accept("INDEX");
  } else if (c.Accept("SPATIAL")) {
    k.kind = K::kSpatial;
    if (!c.Accept("KEY")) c.Accept("INDEX");
  } else if (c.Accept("KEY") || c.Accept("INDEX")) {
    k.kind = K::kIndex;
  }
  if (k.kind == K::kCheck) {
    // CHECK (col IS NOT NULL), possibly in extra parentheses.
    std::vector<TokenRange> items = c.Parenthesized();
    if (items.size() == 1) {
      Cursor e = c.Sub(items[0]);
      size_t end = items[0].end;
      while (e.IsPunct("(") && e.pos() + 1 < end) e.Next();
      std::string col = e.IsName() ? e.Name() : "";
      if (!col.empty() && e.Accept({"IS", "NOT", "NULL"})) {
        while (e.IsPunct(")")) e.Next();
        if (e.pos() >= end) k.not_null_column = col;
      }
    }
  } else {
    // [name] [USING method] (cols) [REFERENCES t (cols)] ...
    if (c.IsName() && !c.IsWord("USING")) {
      std::string index_name = c.Name();
      if (k.name.empty()) k.name = index_name;
    }
    if (c.Accept("USING")) {
      if (c.Accept("INDEX")) {
        k.using_index = true;
        c.Name();
      } else {
        c.Next();  // BTREE / HASH
      }
    }
    if (c.IsPunct("(")) k.columns = ReadColumnList(c);
    if (c.Accept("REFERENCES")) k.ref_table = c.Name();
  }
  while (!c.AtEnd()) {
    if (c.Accept({"NOT", "VALID"})) {
      k.not_valid = true;
    } else if (c.Accept({"USING", "INDEX"})) {
      k.using_index = true;
    } else {
      Skip(c);
    }
  }
  return k;
}

std::vector<std::string> ReadColumnList(Cursor& c) {
  std::vector<std::string> names;
  for (const TokenRange& item : c.Parenthesized()) {
    Cursor e = c.Sub(item);
    if (e.IsName() && !e.IsPunct("(", 1)) names.push_back(Cursor::Lower(e.Peek().text));
  }
  return names;
}

std::vector<std::string> ReadNameList(Cursor& c) {
  std::vector<std::string> names;
  do {
    std::string n = c.Name();
    if (n.empty()) break;
    names.push_back(n);
  } while (c.AcceptPunct(","));
  return names;
}

std::vector<std::string> ReadSources(const std::vector<Token>& tokens, TokenRange range) {
  std::vector<std::string> sources;
  Cursor c(tokens, range);
  while (!c.AtEnd()) {
    if ((c.IsWord("FROM") || c.IsWord("JOIN") || c.IsWord("USING")) && c.IsName(1)) {
      c.Next();
      c.Accept("ONLY");
      std::string name = c.Name();
      if (!name.empty() && !c.IsPunct("(")) sources.push_back(name);
      continue;
    }
    c.Next();
  }
  return sources;
}

}  // namespace gander::lint
