#include "db/dialect_mysql.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("MySQL: goose's tracking-table DDL, quoted identifiers and literals") {
  MysqlDialect d;
  CHECK(std::string(d.name()) == "mysql");
  CHECK(d.CreateVersionTable("goose_db_version") ==
        "CREATE TABLE `goose_db_version` (\n"
        "\t\tid bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n"
        "\t\tversion_id bigint NOT NULL,\n"
        "\t\tis_applied boolean NOT NULL,\n"
        "\t\ttstamp timestamp NULL default now(),\n"
        "\t\tPRIMARY KEY(id)\n"
        "\t)");
  CHECK(d.QuoteIdentifier("shop.goose_db_version") == "`shop`.`goose_db_version`");
  CHECK(d.QuoteIdentifier("we`ird") == "`we``ird`");
  CHECK(d.QuoteString(std::string("it's a \\ \0!", 11)) == "'it\\'s a \\\\ !'");
  CHECK(d.TableExists("t") ==
        "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 't'");
  CHECK(d.TableExists("shop.t") ==
        "SELECT 1 FROM information_schema.tables WHERE table_schema = 'shop' AND table_name = 't'");
  CHECK(d.TextType() == "LONGTEXT");
  CHECK(d.KeyTextType() == "VARCHAR(255)");
  CHECK(d.TimestampNow() == "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')");
  CHECK(d.EpochSecondsNow() == "UNIX_TIMESTAMP()");
  CHECK(d.TransactionalTableOptions() == " ENGINE=InnoDB");
  CHECK_FALSE(d.transactional_ddl());
}

TEST_CASE("MySQL: which statements commit implicitly") {
  MysqlDialect d;
  CHECK(d.CommitsImplicitly("CREATE TABLE t (id INT)"));
  CHECK(d.CommitsImplicitly("  -- why\n/* c */ alter table t add c int"));
  CHECK(d.CommitsImplicitly("# note\nTRUNCATE t"));
  CHECK(d.CommitsImplicitly("LOCK TABLES t WRITE"));
  CHECK_FALSE(d.CommitsImplicitly("CREATE TEMPORARY TABLE x (id INT)"));
  CHECK_FALSE(d.CommitsImplicitly("drop temporary table x"));
  CHECK_FALSE(d.CommitsImplicitly("INSERT INTO t VALUES (1)"));
  CHECK_FALSE(d.CommitsImplicitly("-- only a comment"));
  CHECK_FALSE(d.CommitsImplicitly("/* unterminated"));
}

TEST_CASE("MySQL: the migration lock, statement limits and server versions") {
  MysqlDialect d;
  CHECK(MysqlDialect::LockName("shop") == "gander:shop");
  std::string long_name(80, 'x');
  CHECK(MysqlDialect::LockName(long_name).size() == 47);  // "gander:" + 40 hex digits: GET_LOCK takes 64
  CHECK(MysqlDialect::LockName(long_name).rfind("gander:", 0) == 0);
  CHECK(d.GetLock("gander:shop", std::chrono::milliseconds(30000)) == "SELECT GET_LOCK('gander:shop', 30.000000)");
  CHECK(d.ReleaseLock("gander:shop") == "SELECT RELEASE_LOCK('gander:shop')");
  CHECK(d.LockHolderQuery("gander:shop") ==
        "SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST p WHERE p.ID = "
        "IS_USED_LOCK('gander:shop')");
  CHECK(MysqlDialect::SetStatementTimeout(std::chrono::milliseconds(1500), true) ==
        "SET SESSION max_statement_time = 1.500000");
  CHECK(MysqlDialect::SetStatementTimeout(std::chrono::milliseconds(1500), false) ==
        "SET SESSION max_execution_time = 1500");
  CHECK(MysqlDialect::ServerVersionName("10.11.6-MariaDB-0+deb12u1") == "MariaDB 10.11.6");
  CHECK(MysqlDialect::ServerVersionName("8.0.36") == "MySQL 8.0.36");
  CHECK(MysqlDialect::GaleraQuery() == "SHOW VARIABLES LIKE 'wsrep_on'");
  CHECK(MysqlDialect::GaleraSyncWait() == "SET SESSION wsrep_sync_wait = 1");
}

TEST_CASE("MySQL: read-only check and the fleet's catalog query") {
  MysqlDialect d;
  CHECK(d.ReadOnlyQuery() == "SELECT @@global.read_only");
  CHECK(d.ReadOnlyReason() == "its read_only variable is ON, as on a replica");
  CHECK(d.ListDatabasesQuery() ==
        "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN "
        "('mysql', 'information_schema', 'performance_schema', 'sys')");
  CHECK(d.ListSchemasQuery().empty());  // a MySQL schema is a database
}

TEST_CASE("MySQL: errors carry their number; the classification reads it, not the message") {
  Status exists = MysqlDialect::ErrorStatus("Table 't' already exists", 1050);
  CHECK(exists.message() == "Table 't' already exists (MySQL error 1050)");
  CHECK(exists.engine_code() == "1050");
  MysqlDialect d;
  using E = Dialect::SchemaError;
  for (int code : {1050, 1060, 1061, 1826, 1359}) CHECK(d.ClassifySchemaError(MysqlDialect::ErrorStatus("x", code)) == E::kExists);
  for (int code : {1051, 1091, 1360}) CHECK(d.ClassifySchemaError(MysqlDialect::ErrorStatus("x", code)) == E::kMissing);
  CHECK(d.ClassifySchemaError(MysqlDialect::ErrorStatus("x", 1064)) == E::kNone);
  CHECK(d.ClassifySchemaError(Status::Failed("x (MySQL error 1050)")) == E::kNone);

  for (int code : {1205, 1213, 2002, 2003, 2006, 2013}) CHECK(MysqlDialect::ErrorStatus("x", code).transient());
  CHECK_FALSE(MysqlDialect::ErrorStatus("x", 1064).transient());

  Status refused = MysqlDialect::ConnectError("mysql://u:***@h/db", "Can't connect to MySQL server on 'h'", 2003);
  CHECK(refused.message() == "cannot connect to MySQL (mysql://u:***@h/db): Can't connect to MySQL server on 'h' "
                             "(MySQL error 2003)");
  CHECK(refused.transient());
  CHECK_FALSE(MysqlDialect::ConnectError("d", "Access denied for user 'u'", 1045).transient());
  Status slow = MysqlDialect::ConnectError("d", "Lost connection to server at 'handshake'", 2013, "2 s (the DSN's timeout)");
  CHECK(slow.message() == "cannot connect to MySQL (d): no answer within 2 s (the DSN's timeout): Lost connection "
                          "to server at 'handshake' (MySQL error 2013)");
  CHECK(slow.transient());
  CHECK_FALSE(slow.outcome_unknown());
  // A reply lost after the request was sent: its outcome is unknown.
  for (int code : {2006, 2013, 2055}) CHECK(MysqlDialect::MeansLostReply(code));
  for (int code : {1205, 2002, 2003, 1064}) CHECK_FALSE(MysqlDialect::MeansLostReply(code));
}
