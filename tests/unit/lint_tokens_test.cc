#include "core/lint/tokens.h"

#include <doctest/doctest.h>

using namespace gander;
using namespace gander::lint;

namespace {

std::string Words(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    std::string shown = t.kind == Token::Kind::kWord     ? t.upper
                        : t.kind == Token::Kind::kString ? "'" + t.text + "'"
                        : t.kind == Token::Kind::kQuoted ? "\"" + t.text + "\""
                                                         : t.text;
    out += (out.empty() ? "" : " ") + shown;
  }
  return out;
}

}  // namespace

TEST_CASE("comments never become tokens: a keyword in a comment is invisible to the rules") {
  std::vector<Token> t = Tokenize("CREATE INDEX i ON t (a); -- CONCURRENTLY\n/* CONCURRENTLY\n still */ SELECT 1;",
                                  SqlFlavor::kStandard);
  CHECK(Words(t) == "CREATE INDEX I ON T ( A ) ; SELECT 1 ;");
  CHECK(t.back().line == 2);
}

TEST_CASE("strings, quoted names and dollar quotes are single tokens, across lines") {
  std::vector<Token> t = Tokenize("SELECT 'it''s;\nDROP TABLE x', \"Odd \"\"Name\", $body$ DROP TABLE y; $body$, E'a\\'b'",
                                  SqlFlavor::kStandard);
  REQUIRE(t.size() == 8);
  CHECK(t[1].kind == Token::Kind::kString);
  CHECK(t[1].text == "it's;\nDROP TABLE x");
  CHECK(t[3].kind == Token::Kind::kQuoted);
  CHECK(t[3].text == "Odd \"Name");
  CHECK(t[5].kind == Token::Kind::kString);
  CHECK(t[5].text == " DROP TABLE y; ");
  CHECK(t[7].kind == Token::Kind::kString);  // E'...' prefix folded into the string
  CHECK(t[7].text == "a\\'b");
}

TEST_CASE("MySQL: double quotes are strings, backticks names, # a comment") {
  std::vector<Token> t = Tokenize("ALTER TABLE `order` COMMENT = \"x\"; # DROP TABLE y", SqlFlavor::kMySql);
  CHECK(Words(t) == "ALTER TABLE \"order\" COMMENT = 'x' ;");
}

TEST_CASE("the statements of one string are split at top-level semicolons, routine bodies kept whole") {
  std::vector<Token> t = Tokenize("SELECT 1; SELECT 2;", SqlFlavor::kStandard);
  CHECK(SplitStatements(t).size() == 2);

  t = Tokenize("CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW BEGIN\n  UPDATE u SET n = n + 1;\n  DELETE FROM v;\nEND;\nSELECT 3;",
               SqlFlavor::kStandard);
  std::vector<TokenRange> r = SplitStatements(t);
  REQUIRE(r.size() == 2);
  CHECK(t[r[1].begin].upper == "SELECT");

  t = Tokenize("CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; CASE WHEN 1 THEN SELECT 2; END CASE; END", SqlFlavor::kMySql);
  CHECK(SplitStatements(t).size() == 1);

  t = Tokenize("BEGIN; CREATE TABLE t (id int); COMMIT;", SqlFlavor::kStandard);
  CHECK(SplitStatements(t).size() == 3);  // a transaction's BEGIN is not a routine body
}
