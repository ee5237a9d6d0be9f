#include "core/lexer.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace gander;

namespace {

// The code mask of one line as a string: 'c' for code, '.' for quoted/comment.
std::string Mask(SqlLexer* lexer, const std::string& line) {
  std::vector<bool> code;
  lexer->ScanLine(line, &code);
  std::string out;
  for (bool b : code) out.push_back(b ? 'c' : '.');
  return out;
}

// Feeds lines to a fresh splitter; returns which of them end a statement.
std::vector<bool> Boundaries(const std::vector<std::string>& lines) {
  StatementSplitter splitter;
  std::vector<bool> out;
  for (const auto& line : lines) out.push_back(splitter.EndsStatement(line));
  return out;
}

bool EndsAlone(const std::string& line) { return StatementSplitter().EndsStatement(line); }

}  // namespace

TEST_CASE("TrimSpace trims ASCII and Unicode spaces as goose does, and nothing else") {
  CHECK(TrimSpace(" \t\v\f\r\n x y \n") == "x y");
  CHECK(TrimSpace("\xC2\xA0x\xE3\x80\x80") == "x");           // NBSP, ideographic space
  CHECK(TrimSpace("\xE2\x80\x8Bx") == "\xE2\x80\x8Bx");       // zero-width space is not a space
  CHECK(TrimSpace("\xC3\xA9") == "\xC3\xA9");                  // é kept whole
  CHECK(TrimSpace("   ").empty());
  CHECK(SpaceLengthAt("a\xE2\x80\xA8", 1) == 3);              // U+2028
  CHECK(SpaceLengthAt("a", 1) == 0);
}

TEST_CASE("goose's word rule: the last word before a -- comment must end with ;") {
  CHECK(EndsAlone("END;"));
  CHECK(EndsAlone("END; -- comment"));
  CHECK(EndsAlone("END   ; -- comment"));
  CHECK(EndsAlone("SELECT 1 ;"));
  CHECK(EndsAlone("SELECT 1; SELECT 2;"));
  CHECK_FALSE(EndsAlone("END -- comment"));
  CHECK_FALSE(EndsAlone("END -- comment ;"));
  CHECK_FALSE(EndsAlone("SELECT 1;--glued"));  // goose: the word "1;--glued" does not end with ;
  CHECK_FALSE(EndsAlone("SELECT 1; /* c */"));
  CHECK_FALSE(EndsAlone(""));
  CHECK(EndsAlone("SELECT 1;\xC2\xA0"));  // a trailing Unicode space separates words
}

TEST_CASE("the lexer marks strings, quoted names and comments as non-code") {
  SqlLexer std_lexer(SqlFlavor::kStandard);
  CHECK(Mask(&std_lexer, "a 'b;' c") == "ccc...cc");
  CHECK(Mask(&std_lexer, "'it''s'") == "c......");
  CHECK(Mask(&std_lexer, "\"x;\" `y`") == "c...cc..");
  CHECK(Mask(&std_lexer, "a -- 'x") == "ccc....");
  CHECK(Mask(&std_lexer, "/* ; */x") == "c......c");
  CHECK(Mask(&std_lexer, "$1;") == "ccc");  // a parameter, not a dollar quote
  CHECK(Mask(&std_lexer, "a$b$;") == "ccccc");  // `$` inside a name
  CHECK_FALSE(std_lexer.InConstruct());
}

TEST_CASE("the lexer carries strings, dollar quotes and comments across lines") {
  SqlLexer lexer(SqlFlavor::kStandard);
  CHECK(Mask(&lexer, "x 'a;") == "ccc..");
  CHECK(lexer.InConstruct());
  CHECK(Mask(&lexer, "b';") == "..c");
  CHECK_FALSE(lexer.InConstruct());

  CHECK(Mask(&lexer, "AS $fn$ x;") == "cccc......");
  CHECK(Mask(&lexer, "$x$ $fn$;") == "........c");

  CHECK(Mask(&lexer, "/* a /* b */ c;") == "c..............");  // PostgreSQL nests
  CHECK(lexer.InConstruct());
  CHECK(Mask(&lexer, "*/;") == "..c");
  lexer.Reset();
  CHECK(Mask(&lexer, "'open") == "c....");
  lexer.Reset();
  CHECK_FALSE(lexer.InConstruct());
}

TEST_CASE("backslash escapes: E'' strings everywhere, plain strings only in the MySQL reading") {
  SqlLexer std_lexer(SqlFlavor::kStandard);
  SqlLexer mysql(SqlFlavor::kMySql);
  CHECK(Mask(&std_lexer, "E'a\\'b';") == "cc.....c");
  CHECK(Mask(&std_lexer, "'a\\';") == "c...c");  // standard: backslash is literal
  CHECK(Mask(&mysql, "'a\\';") == "c....");       // MySQL: \' is an escaped quote
  CHECK(mysql.InConstruct());
  mysql.Reset();
  CHECK(Mask(&mysql, "\"a\\\"b\";") == "c.....c");
  CHECK(Mask(&std_lexer, "name'x';") == "ccccc..c");  // no E prefix: a name ending in e is not one
}

TEST_CASE("MySQL-only comment rules stay in the MySQL reading") {
  SqlLexer std_lexer(SqlFlavor::kStandard);
  SqlLexer mysql(SqlFlavor::kMySql);
  CHECK(Mask(&mysql, "# don't") == "c......");
  CHECK(Mask(&std_lexer, "# don't") == "cccccc.");  // `#` is an operator in PostgreSQL
  std_lexer.Reset();
  CHECK(Mask(&mysql, "5--3;") == "ccccc");   // MySQL needs a blank after --
  CHECK(Mask(&std_lexer, "5--3;") == "cc...");
  CHECK(Mask(&mysql, "/* /* */;") == "c.......c");  // MySQL does not nest
}

TEST_CASE("the splitter never ends a statement inside a quoted construct") {
  CHECK(Boundaries({"INSERT INTO t VALUES ('a;", "b');"}) == std::vector<bool>{false, true});
  CHECK(Boundaries({"CREATE FUNCTION f() RETURNS int AS $$", "BEGIN RETURN 1;", "END;", "$$ LANGUAGE plpgsql;"}) ==
        std::vector<bool>{false, false, false, true});
  CHECK(Boundaries({"SELECT 1 /* a;", "b; */;"}) == std::vector<bool>{false, true});
  CHECK(Boundaries({"CREATE TABLE \"odd;", "name\" (id int);"}) == std::vector<bool>{false, true});
  CHECK(Boundaries({"SELECT `a;", "b`;"}) == std::vector<bool>{false, true});
  CHECK(Boundaries({"SELECT E'it\\'s;", "x';"}) == std::vector<bool>{false, true});
  // After a boundary both lexers start afresh.
  CHECK(Boundaries({"SELECT 1;", "SELECT 'x;", "';"}) == std::vector<bool>{true, false, true});
}

TEST_CASE("the splitter keeps goose's boundary when the engines read a line differently") {
  CHECK(EndsAlone("INSERT INTO t VALUES ('it\\'s');"));  // MySQL escape
  CHECK(EndsAlone("SELECT 'C:\\';"));                     // PostgreSQL literal backslash
  CHECK(Boundaries({"# don't panic", "SELECT 1;"}) == std::vector<bool>{false, true});  // MySQL comment
  CHECK(Boundaries({"SELECT 5 # 3, 'x;", "';"}) == std::vector<bool>{false, true});     // PostgreSQL operator
}

TEST_CASE("InConstruct reports an unclosed quote only when both readings agree") {
  StatementSplitter splitter;
  CHECK_FALSE(splitter.EndsStatement("SELECT 'a;"));
  CHECK(splitter.InConstruct());
  splitter.Reset();
  CHECK_FALSE(splitter.InConstruct());
}
