#include "core/transaction_needs.h"

#include <doctest/doctest.h>

#include "core/parser.h"

using namespace gander;
using lint::Engine;

namespace {

// A paired file's statements, split as gander splits them.
MigrationPart Part(const std::string& text) {
  MigrationPart part;
  Status st = ParsePairedPart(text, "1_t.up.sql", nullptr, &part);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return part;
}

std::vector<std::string> Whats(const std::vector<TxFinding>& findings) {
  std::vector<std::string> out;
  for (const TxFinding& f : findings) out.push_back(f.what + "@" + std::to_string(f.line));
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("statements that cannot run in a transaction block, per engine") {
  MigrationPart part = Part(
      "CREATE TABLE t (a int);\n"
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n"
      "DROP INDEX CONCURRENTLY i;\n"
      "REINDEX INDEX CONCURRENTLY i;\n"
      "VACUUM t;\n"
      "ALTER SYSTEM SET work_mem = '8MB';\n"
      "CREATE DATABASE other;\n"
      "DROP DATABASE other;\n"
      "ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\n"
      "CREATE INDEX j ON t (a);\n");
  TransactionNeeds pg = ReadTransactionNeeds(part, Engine::kPostgres, 15);
  CHECK(Whats(pg.outside) == Strings{"CREATE INDEX CONCURRENTLY@2", "DROP INDEX CONCURRENTLY@3",
                                     "REINDEX CONCURRENTLY@4", "VACUUM@5", "ALTER SYSTEM@6", "CREATE DATABASE@7",
                                     "DROP DATABASE@8", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY@9"});
  CHECK(pg.outside[0].statement == 1);
  CHECK(pg.runs_outside());
  CHECK(pg.Reason() == "CREATE INDEX CONCURRENTLY at line 2 (and 7 more), which cannot run inside a transaction block");
  CHECK(Whats(ReadTransactionNeeds(part, Engine::kSqlite, 0).outside) == Strings{"VACUUM@5"});
  CHECK(ReadTransactionNeeds(part, Engine::kMySql, 0).outside.empty());
}

TEST_CASE("words in comments, strings and dollar-quoted bodies do not count (river's CONCURRENTLY)") {
  MigrationPart part = Part(
      "-- CREATE INDEX CONCURRENTLY would be better here, see below\n"
      "/* DROP INDEX CONCURRENTLY i; VACUUM; */\n"
      "CREATE INDEX i ON t (a); -- not CONCURRENTLY: runs in a transaction\n"
      "INSERT INTO notes VALUES ('VACUUM; BEGIN; COMMIT;');\n"
      "DO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\n"
      "CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  COMMIT;\nEND;\n$body$ LANGUAGE plpgsql;\n");
  TransactionNeeds pg = ReadTransactionNeeds(part, Engine::kPostgres, 15);
  CHECK(pg.outside.empty());
  CHECK(pg.control.empty());
  CHECK_FALSE(pg.runs_outside());
  CHECK(pg.Reason().empty());
}

TEST_CASE("ALTER TYPE ... ADD VALUE: before PostgreSQL 12 always, from 12 on only when the value is used") {
  MigrationPart alone = Part("ALTER TYPE mood ADD VALUE 'meh';\nCREATE TABLE t (a int);\n");
  CHECK(ReadTransactionNeeds(alone, Engine::kPostgres, 15).outside.empty());
  CHECK(ReadTransactionNeeds(alone, Engine::kPostgres, 0).outside.empty());
  CHECK(Whats(ReadTransactionNeeds(alone, Engine::kPostgres, 11).outside) ==
        Strings{"ALTER TYPE ... ADD VALUE (PostgreSQL 11)@1"});

  MigrationPart used = Part("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok';\n"
                            "UPDATE people SET m = 'meh' WHERE m = 'sad';\n");
  CHECK(Whats(ReadTransactionNeeds(used, Engine::kPostgres, 15).outside) ==
        Strings{"ALTER TYPE ... ADD VALUE 'meh' (used at line 2 before it is committed)@1"});
  // The same value written in a comment is no use.
  MigrationPart comment = Part("ALTER TYPE mood ADD VALUE 'meh';\n-- 'meh' is new\nSELECT 1;\n");
  CHECK(ReadTransactionNeeds(comment, Engine::kPostgres, 15).outside.empty());
}

TEST_CASE("a file that writes its own transaction (pocket-id's SQLite table rebuilds)") {
  MigrationPart part = Part(
      "PRAGMA foreign_keys=OFF;\n"
      "BEGIN;\n"
      "CREATE TABLE t2 (a int);\n"
      "INSERT INTO t2 SELECT a FROM t;\n"
      "DROP TABLE t;\n"
      "ALTER TABLE t2 RENAME TO t;\n"
      "COMMIT;\n"
      "PRAGMA foreign_keys=ON;\n");
  TransactionNeeds n = ReadTransactionNeeds(part, Engine::kSqlite, 0);
  CHECK(n.outside.empty());
  CHECK(Whats(n.control) == Strings{"BEGIN@2", "COMMIT@7"});
  CHECK(Whats(n.ineffective) == Strings{"PRAGMA foreign_keys@1", "PRAGMA foreign_keys@8"});
  using E = OwnTxEffect;
  CHECK(n.effects == std::vector<E>{E::kNone, E::kOpens, E::kNone, E::kNone, E::kNone, E::kNone, E::kCloses, E::kNone});
  CHECK(n.session_only == std::vector<bool>{true, false, false, false, false, false, false, true});
  CHECK(n.Reason() == "it writes its own transaction (BEGIN at line 2)");

  // PRAGMA foreign_keys alone is enough to leave gander's transaction on SQLite.
  TransactionNeeds pragma = ReadTransactionNeeds(Part("PRAGMA foreign_keys = off;\nDROP TABLE t;\n"), Engine::kSqlite, 0);
  CHECK(pragma.runs_outside());
  CHECK(pragma.Reason() == "PRAGMA foreign_keys at line 1, which does nothing inside a transaction");
  // ...but is a plain statement elsewhere; journal_mode is kept in the database file.
  CHECK(ReadTransactionNeeds(Part("PRAGMA journal_mode=WAL;\n"), Engine::kSqlite, 0).session_only ==
        std::vector<bool>{false});
}

TEST_CASE("own transaction effects: what a string leaves behind") {
  using E = OwnTxEffect;
  // openmeter's PostgreSQL files: START TRANSACTION / COMMIT and ROLLBACK; ROLLBACK TO is no end.
  MigrationPart part = Part(
      "START TRANSACTION;\n"
      "SAVEPOINT s;\n"
      "ROLLBACK TO SAVEPOINT s;\n"
      "END;\n"
      "BEGIN; UPDATE t SET a = 1; COMMIT;\n"
      "BEGIN;\n"
      "COMMIT; CREATE TABLE u (a int);\n"
      "BEGIN;\n"
      "COMMIT; BEGIN;\n"
      "ROLLBACK; SET search_path = x;\n");
  TransactionNeeds n = ReadTransactionNeeds(part, Engine::kPostgres, 15);
  CHECK(Whats(n.control) == Strings{"START TRANSACTION@1", "END@4", "BEGIN@5", "COMMIT@5", "BEGIN@6", "COMMIT@7",
                                    "BEGIN@8", "COMMIT@9", "BEGIN@9", "ROLLBACK@10"});
  CHECK(n.effects == std::vector<E>{E::kOpens, E::kNone, E::kNone, E::kCloses, E::kNone, E::kOpens, E::kOther,
                                    E::kOpens, E::kOther, E::kCloses});
  // `COMMIT; BEGIN` (statement 9) leaves it open although its effect is kOther.
  CHECK(n.open_after == std::vector<bool>{true, true, true, false, false, true, false, true, true, false});
  CHECK(n.session_only.back() == false);  // ROLLBACK is not a setting
}

TEST_CASE("MySQL commits an open transaction at DDL") {
  using E = OwnTxEffect;
  MigrationPart part = Part("BEGIN;\nINSERT INTO t VALUES (1);\nCREATE TABLE u (a int);\nCOMMIT;\nSET NAMES utf8mb4;\n"
                            "SET GLOBAL max_connections = 10;\n");
  TransactionNeeds n = ReadTransactionNeeds(part, Engine::kMySql, 0);
  CHECK(n.effects == std::vector<E>{E::kOpens, E::kNone, E::kOther, E::kNone, E::kNone, E::kNone});
  CHECK(n.session_only == std::vector<bool>{false, false, false, false, true, false});
}

TEST_CASE("a paired part that needs it runs outside gander's transaction; a goose part keeps its annotation") {
  ParsedMigration paired;
  paired.up = Part("CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
  paired.down = Part("DROP TABLE t;\n");
  DecideTransactions(SourceFormat::kPaired, {Engine::kPostgres, 15}, &paired);
  CHECK_FALSE(paired.up.use_tx);
  CHECK(paired.up.outside_tx_reason ==
        "CREATE INDEX CONCURRENTLY at line 2, which cannot run inside a transaction block");
  CHECK(paired.down->use_tx);
  CHECK(paired.down->outside_tx_reason.empty());

  ParsedMigration own = {Part("PRAGMA foreign_keys=OFF;\nBEGIN;\nCREATE TABLE n (id int);\nCOMMIT;\n"), std::nullopt};
  DecideTransactions(SourceFormat::kPaired, {Engine::kSqlite, 0}, &own);
  CHECK_FALSE(own.up.use_tx);
  CHECK(own.up.outside_tx_reason == "it writes its own transaction (BEGIN at line 2)");

  ParsedMigration goose = paired;
  goose.up.use_tx = true;
  goose.up.outside_tx_reason.clear();
  DecideTransactions(SourceFormat::kGoose, {Engine::kPostgres, 15}, &goose);
  CHECK(goose.up.use_tx);
}

TEST_CASE("a goose part in a transaction with a statement that cannot be in one is refused at file:line with the fix") {
  MigrationPart part = Part("CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY t_id ON t (id);\n");
  Status st = GooseTransactionProblem(part, "m/00006_idx.sql", {Engine::kPostgres, 15});
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.ToString() ==
        "m/00006_idx.sql:2: CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and this migration "
        "runs in one; add `-- +goose NO TRANSACTION` to the file (goose would fail on it as well)");
  CHECK(GooseTransactionProblem(part, "m/00006_idx.sql", {Engine::kMySql, 0}).ok());  // no such thing on MySQL

  MigrationPart own = Part("BEGIN;\nCREATE TABLE n (id int);\nCOMMIT;\n");
  st = GooseTransactionProblem(own, "m/00007_own.sql", {Engine::kSqlite, 0});
  CHECK(st.ToString().rfind("m/00007_own.sql:1: BEGIN: the file manages its own transaction", 0) == 0);

  own.use_tx = false;  // -- +goose NO TRANSACTION: the file's own transaction is the only one
  CHECK(GooseTransactionProblem(own, "m/00007_own.sql", {Engine::kSqlite, 0}).ok());
}
