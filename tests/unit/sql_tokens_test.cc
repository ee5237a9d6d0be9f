#include "core/sql_tokens.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("NormalizeSql: spacing, comments, keyword case and needless quotes do not count") {
  std::string typed = "CREATE VIEW v AS\n  SELECT a,b -- the two\n FROM \"T\" /* x */ WHERE b IN (1,2);";
  CHECK(NormalizeSql(typed) == "create view v as select a, b from t where b in (1, 2);");
  CHECK(NormalizeSql("create view v as select a , b from [t] where b in ( 1 , 2 ) ;") == NormalizeSql(typed));
  CHECK(NormalizeSql("SELECT count(*) FROM t") == "select count(*) from t");
  CHECK(NormalizeSql("CHECK(a>0 OR(b IS NOT NULL))") == "check (a > 0 or (b is not null))");
  CHECK(NormalizeSql("a.b . c") == "a.b.c");
}

TEST_CASE("NormalizeSql keeps what changes meaning: strings, quoted names that need quotes, operators") {
  CHECK(NormalizeSql("SELECT 'It''s  A' AS x") == "select 'It''s  A' as x");
  CHECK(NormalizeSql("SELECT \"two words\", `Mixed`, [a-b] FROM t") == "select \"two words\", mixed, \"a-b\" from t");
  CHECK(NormalizeSql("SELECT \"say \"\"hi\"\"\"") == "select \"say \"\"hi\"\"\"");
  CHECK(NormalizeSql("WHERE a<=b OR a||b <> c") == "where a <= b or a || b <> c");
  CHECK(NormalizeSql("WHERE a=-1") == NormalizeSql("WHERE a = - 1"));
  CHECK(NormalizeSql("SELECT 1.5e-3, 0x1F, X'00ff'") == "select 1.5e-3, 0x1f, x'00ff'");
  CHECK(NormalizeSql("SELECT 'a'") != NormalizeSql("SELECT 'A'"));
}

TEST_CASE("TokenizeSql never fails on unterminated text") {
  CHECK(TokenizeSql("SELECT 'open").size() == 2);
  CHECK(TokenizeSql("SELECT /* open").size() == 1);
  CHECK(TokenizeSql("SELECT \"open").size() == 2);
  CHECK(TokenizeSql("").empty());
}

TEST_CASE("JoinSqlTokens joins a range of tokens") {
  std::vector<SqlToken> tokens = TokenizeSql("CHECK (length(name) > 0)");
  REQUIRE(tokens.size() == 9);
  CHECK(JoinSqlTokens(tokens, 2, 8) == "length(name) > 0");
  CHECK(JoinSqlTokens(tokens, 0, 100) == "check (length(name) > 0)");
}
