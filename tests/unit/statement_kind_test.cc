#include "core/statement_kind.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("the first keyword skips blanks and comments and tells schema from data statements") {
  CHECK(FirstKeyword("  -- note\n/* x */ create table t (id int)") == "CREATE");
  CHECK(FirstKeyword("# mysql comment\nALTER TABLE t ADD c INT") == "ALTER");
  CHECK(FirstKeyword("-- only a comment") == "");
  CHECK(IsSchemaStatement("DROP INDEX i"));
  CHECK(IsSchemaStatement("rename table a to b"));
  CHECK_FALSE(IsSchemaStatement("INSERT INTO t VALUES (1)"));
  CHECK_FALSE(IsSchemaStatement("UPDATE t SET created = 1"));  // a keyword inside does not count
  CHECK_FALSE(IsSchemaStatement("WITH x AS (SELECT 1) DELETE FROM t"));
}
