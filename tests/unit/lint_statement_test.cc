#include "core/lint/statement.h"

#include <doctest/doctest.h>

#include "core/lint/sql_types.h"

using namespace gander;
using namespace gander::lint;

namespace {

Statement One(const std::string& sql, SqlFlavor flavor = SqlFlavor::kStandard) {
  std::vector<Statement> all = ClassifyText(sql, 10, flavor);
  REQUIRE(all.size() == 1);
  return all[0];
}

}  // namespace

TEST_CASE("CREATE TABLE: columns, types, constraints; names unqualified and lower-cased") {
  Statement s = One("CREATE TABLE IF NOT EXISTS public.\"Users\" (\n"
                    "  id bigserial PRIMARY KEY,\n"
                    "  email character varying(255) NOT NULL UNIQUE,\n"
                    "  seen timestamp with time zone DEFAULT now(),\n"
                    "  team_id int REFERENCES teams (id),\n"
                    "  CONSTRAINT email_nn CHECK (email IS NOT NULL)\n"
                    ")");
  CHECK(s.kind == StmtKind::kCreateTable);
  CHECK(s.name == "users");
  CHECK(s.if_not_exists);
  REQUIRE(s.column_defs.size() == 4);
  CHECK(s.column_defs[0].identity);
  CHECK(s.column_defs[0].type.name == "BIGINT");
  CHECK(s.column_defs[1].type.name == "VARCHAR");
  CHECK(s.column_defs[1].type.args == std::vector<std::string>{"255"});
  CHECK(s.column_defs[1].not_null);
  CHECK(s.column_defs[1].unique);
  CHECK(s.column_defs[2].type.name == "TIMESTAMPTZ");
  CHECK(s.column_defs[2].has_default);
  CHECK(s.column_defs[2].volatile_call.empty());  // now() is stable
  CHECK(s.column_defs[3].references_table == "teams");
  REQUIRE(s.constraints.size() == 1);
  CHECK(s.constraints[0].not_null_column == "email");
}

TEST_CASE("ALTER TABLE: each action with its own line") {
  Statement s = One("ALTER TABLE ONLY users\n"
                    "  ADD COLUMN token uuid DEFAULT gen_random_uuid(),\n"
                    "  DROP COLUMN IF EXISTS legacy,\n"
                    "  ALTER COLUMN name TYPE text USING name::text,\n"
                    "  ALTER COLUMN email SET NOT NULL,\n"
                    "  ADD CONSTRAINT fk FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID,\n"
                    "  RENAME COLUMN a TO b");
  CHECK(s.kind == StmtKind::kAlterTable);
  CHECK(s.name == "users");
  REQUIRE(s.actions.size() == 6);
  using K = AlterAction::Kind;
  CHECK(s.actions[0].kind == K::kAddColumn);
  CHECK(s.actions[0].def.volatile_call == "gen_random_uuid()");
  CHECK(s.actions[0].line == 11);
  CHECK(s.actions[1].kind == K::kDropColumn);
  CHECK(s.actions[1].column == "legacy");
  CHECK(s.actions[2].kind == K::kAlterType);
  CHECK(s.actions[2].type.name == "TEXT");
  CHECK(s.actions[2].has_using);
  CHECK(s.actions[3].kind == K::kSetNotNull);
  CHECK(s.actions[4].kind == K::kAddConstraint);
  CHECK(s.actions[4].constraint.kind == Constraint::Kind::kForeignKey);
  CHECK(s.actions[4].constraint.not_valid);
  CHECK(s.actions[5].kind == K::kRenameColumn);
  CHECK(s.actions[5].new_name == "b");
  CHECK(s.actions[5].line == 16);
}

TEST_CASE("MySQL ALTER TABLE: MODIFY, CHANGE, options and table rebuilds") {
  Statement s = One("ALTER TABLE tuple MODIFY COLUMN object_id VARCHAR(255) COLLATE utf8mb4_bin, LOCK = SHARED, "
                    "CHANGE old_name new_name INT UNSIGNED NOT NULL, ENGINE=InnoDB, DROP PRIMARY KEY",
                    SqlFlavor::kMySql);
  using K = AlterAction::Kind;
  REQUIRE(s.actions.size() == 5);
  CHECK(s.actions[0].kind == K::kModifyColumn);
  CHECK(s.actions[0].def.collate == "utf8mb4_bin");
  CHECK(s.actions[2].kind == K::kModifyColumn);
  CHECK(s.actions[2].column == "old_name");
  CHECK(s.actions[2].new_name == "new_name");
  CHECK(s.actions[2].def.type.name == "INT");
  CHECK(s.actions[3].kind == K::kRebuild);
  CHECK(s.actions[4].kind == K::kDropPrimaryKey);
  REQUIRE(s.options.size() == 1);
  CHECK(s.options[0] == std::make_pair(std::string("LOCK"), std::string("SHARED")));
}

TEST_CASE("indexes, drops, renames, DML targets and sources, transactions, settings") {
  Statement s = One("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY t USING btree (a, lower(b), c DESC)");
  CHECK(s.kind == StmtKind::kCreateIndex);
  CHECK(s.concurrently);
  CHECK(s.unique);
  CHECK(s.table == "t");
  CHECK(s.columns == std::vector<std::string>{"a", "c"});

  s = One("DROP INDEX idx ON t LOCK = NONE", SqlFlavor::kMySql);
  CHECK(s.kind == StmtKind::kDropIndex);
  CHECK(s.table == "t");

  s = One("DROP TABLE IF EXISTS a, b CASCADE");
  CHECK(s.names == std::vector<std::string>{"a", "b"});

  s = One("RENAME TABLE a TO b, c TO d", SqlFlavor::kMySql);
  CHECK(s.renames.size() == 2);

  s = One("INSERT OR REPLACE INTO users_new (id) SELECT u.id FROM users u JOIN teams ON true");
  CHECK(s.kind == StmtKind::kDml);
  CHECK(s.target == "users_new");
  CHECK(s.sources == std::vector<std::string>{"users", "teams"});

  CHECK(One("BEGIN").kind == StmtKind::kBegin);
  CHECK(One("START TRANSACTION").kind == StmtKind::kBegin);
  CHECK(One("END").kind == StmtKind::kCommit);
  CHECK(One("ROLLBACK TO SAVEPOINT s").kind == StmtKind::kOther);

  s = One("SET LOCAL lock_timeout TO '5s'");
  CHECK(s.setting == "lock_timeout");
  CHECK(One("SELECT set_config('lock_timeout', '3s', false)").setting == "lock_timeout");
  CHECK(One("PRAGMA foreign_keys = OFF").setting == "foreign_keys");

  CHECK(One("CREATE TEMPORARY TABLE t (a int)", SqlFlavor::kMySql).implicit_commit == false);
  CHECK(One("ALTER TABLE t ADD c int", SqlFlavor::kMySql).implicit_commit);
  CHECK(ClassifyText("SELECT 1; SELECT 2;", 1, SqlFlavor::kStandard)[1].shares_string);
}

TEST_CASE("malformed SQL is classified as far as it reads, never past its end") {
  for (const char* sql : {"ALTER TABLE", "ALTER TABLE t ADD", "CREATE INDEX ON", "CREATE TABLE t (", "DROP",
                          "ALTER TABLE t ALTER COLUMN", "CREATE TYPE x AS ENUM (", "INSERT INTO", "RENAME TABLE a",
                          "ALTER TABLE t ADD CONSTRAINT c CHECK ((", "SET", "PRAGMA", "CREATE TABLE t (a varchar(",
                          ")))", "ALTER TABLE t MODIFY", "ALTER TABLE t CHANGE a"}) {
    CAPTURE(sql);
    ClassifyText(sql, 1, SqlFlavor::kStandard);
    ClassifyText(sql, 1, SqlFlavor::kMySql);
  }
}

TEST_CASE("type changes: narrowing, PostgreSQL rewrites, MySQL copies") {
  auto T = [](const std::string& sql) { return One("CREATE TABLE t (c " + sql + ")").column_defs[0].type; };
  CHECK(Narrows(T("varchar(100)"), T("varchar(50)"), Engine::kPostgres));
  CHECK(Narrows(T("text"), T("varchar(50)"), Engine::kPostgres));
  CHECK(Narrows(T("bigint"), T("int4"), Engine::kPostgres));
  CHECK(Narrows(T("numeric(10,2)"), T("numeric(8,2)"), Engine::kPostgres));
  CHECK(Narrows(T("timestamptz"), T("date"), Engine::kPostgres));
  CHECK_FALSE(Narrows(T("varchar(50)"), T("text"), Engine::kPostgres));
  CHECK_FALSE(Narrows(T("int"), T("text"), Engine::kPostgres));  // another family: not a narrowing

  CHECK(PgKeepsTable(T("varchar(50)"), T("varchar(60)")));
  CHECK(PgKeepsTable(T("character varying(50)"), T("text")));
  CHECK(PgKeepsTable(T("numeric(10,2)"), T("numeric(12,2)")));
  CHECK_FALSE(PgKeepsTable(T("int"), T("bigint")));
  CHECK_FALSE(PgKeepsTable(T("varchar(50)"), T("varchar(40)")));

  CHECK(MySqlKeepsTable(T("varchar(50)"), T("varchar(63)")));
  CHECK_FALSE(MySqlKeepsTable(T("varchar(50)"), T("varchar(64)")));  // utf8mb4: the length prefix grows to 2 bytes
  CHECK(MySqlKeepsTable(T("ENUM('a','b')"), T("ENUM('a','b','c')")));
  CHECK_FALSE(MySqlKeepsTable(T("ENUM('a','b')"), T("ENUM('b','a')")));
  CHECK(EnumReordered(T("ENUM('a','b')"), T("ENUM('a')")));
}

TEST_CASE("random statements built from SQL words never crash the classifier (seeded; ASan in CI)") {
  const char* words[] = {"CREATE", "ALTER", "DROP", "TABLE", "INDEX", "CONCURRENTLY", "ON", "ADD", "COLUMN",
                         "CONSTRAINT", "PRIMARY", "KEY", "UNIQUE", "FOREIGN", "REFERENCES", "CHECK", "NOT", "NULL",
                         "DEFAULT", "TYPE", "SET", "MODIFY", "CHANGE", "RENAME", "TO", "BEGIN", "END", "COMMIT",
                         "TRIGGER", "FUNCTION", "IF", "EXISTS", "ENUM", "VALUE", "AFTER", "USING", "t", "c", "(",
                         ")", ",", ";", ".", "=", "'s'", "\"q\"", "`b`", "$$ x $$", "--", "/*", "*/", "\n", "42",
                         "varchar(", "INSERT", "INTO", "SELECT", "FROM", "WITH", "PRAGMA", "VACUUM", "FULL", "'"};
  unsigned state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u; };
  for (int i = 0; i < 3000; ++i) {
    std::string sql;
    int n = static_cast<int>(next() % 24);
    for (int k = 0; k < n; ++k) sql += std::string(words[next() % (sizeof(words) / sizeof(words[0]))]) + " ";
    ClassifyText(sql, 1, SqlFlavor::kStandard);
    ClassifyText(sql, 1, SqlFlavor::kMySql);
  }
}
