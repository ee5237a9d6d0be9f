// MySQL's and MariaDB's SQL and error classification, pure (no server): what
// mysql_driver.cc sends and how it reads Connector/C++'s answers.
#pragma once

#include <chrono>
#include <string>

#include "db/dialect.h"

namespace gander {

class MysqlDialect : public Dialect {
 public:
  const char* name() const override { return "mysql"; }
  size_t MaxIdentifierBytes() const override { return 64; }  // characters; gander's names are ASCII
  // "a.b" -> `a`.`b`, a backtick doubled.
  std::string QuoteIdentifier(const std::string& name) const override;
  // Also escapes backslashes (the default sql_mode reads them as escapes).
  std::string QuoteString(const std::string& value) const override;
  // goose v3's MySQL DDL (`id serial` spelled out).
  std::string CreateVersionTable(const std::string& table) const override;
  // Looks in DATABASE(), or in the database named before the dot.
  std::string TableExists(const std::string& table) const override;
  std::string ColumnExists(const std::string& table, const std::string& column) const override;
  std::string BoolLiteral(bool value) const override { return value ? "true" : "false"; }
  std::string TextType() const override { return "LONGTEXT"; }
  std::string KeyTextType() const override { return "VARCHAR(255)"; }
  std::string TimestampNow() const override { return "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')"; }
  // A TIMESTAMP is stored in UTC and read in the session's zone: its epoch
  // seconds are not, and need no time zone tables to turn back into UTC.
  std::string TrackingTimeRead() const override {
    return "DATE_FORMAT(TIMESTAMPADD(SECOND, FLOOR(UNIX_TIMESTAMP(tstamp)), '1970-01-01 00:00:00'), "
           "'%Y-%m-%d %H:%i:%s')";
  }
  std::string EpochSecondsNow() const override { return "UNIX_TIMESTAMP()"; }
  std::string TransactionalTableOptions() const override { return " ENGINE=InnoDB"; }
  bool transactional_ddl() const override { return false; }
  // Statements that commit implicitly (MySQL manual, "Statements That Cause an
  // Implicit Commit"): DDL, account management, table locking, maintenance;
  // not CREATE/DROP TEMPORARY.
  bool CommitsImplicitly(const std::string& statement) const override;
  // By error number: 1050/1060/1061/1826/1359 exist, 1051/1091/1360 missing.
  SchemaError ClassifySchemaError(const Status& error) const override;
  std::string ReadOnlyQuery() const override { return "SELECT @@global.read_only"; }
  std::string ReadOnlyReason() const override { return "its read_only variable is ON, as on a replica"; }
  // Every database but the server's own (a MySQL schema is a database).
  std::string ListDatabasesQuery() const override;

  // The migration lock: GET_LOCK on a name of the database's own (at most 64
  // characters: a long database name is hashed).
  static std::string LockName(const std::string& database);
  std::string GetLock(const std::string& name, std::chrono::milliseconds wait) const;  // one row: 1 if taken
  std::string ReleaseLock(const std::string& name) const;
  // id, user, host, seconds in its state: of the session holding the lock.
  std::string LockHolderQuery(const std::string& name) const;
  // MariaDB: max_statement_time in seconds; MySQL: max_execution_time in ms.
  static std::string SetStatementTimeout(std::chrono::milliseconds limit, bool mariadb);
  static std::string ServerVersionQuery() { return "SELECT VERSION()"; }
  // "MariaDB 10.11.6" or "MySQL 8.0.36" from VERSION()'s text.
  static std::string ServerVersionName(const std::string& version);
  // A Galera node says wsrep_on = ON (second column); its reads then wait
  // for the cluster to catch up, so that a runner sees what another node committed.
  static std::string GaleraQuery() { return "SHOW VARIABLES LIKE 'wsrep_on'"; }
  static std::string GaleraSyncWait() { return "SET SESSION wsrep_sync_wait = 1"; }

  // Error numbers worth a retry: lock wait timeout, deadlock, and a lost or
  // refused connection (2002, 2003, 2006, 2013).
  static bool IsTransientCode(int code);
  // Errors after which the request may have run with its reply lost: lost
  // connection (2013), server gone away (2006), lost connection while
  // reading its result (2055).
  static bool MeansLostReply(int code) { return code == 2013 || code == 2006 || code == 2055; }
  // The Status of an error: Connector/C++'s text and " (MySQL error N)", the
  // number as engine_code(), transient as above.
  static Status ErrorStatus(const std::string& what, int code);
  // A failed connect (`redacted_dsn` is safe to print); transient when the
  // server could not be reached (2002, 2003, 2013). `connect_limit`, when the
  // connect timeout ran out, says which ("10 s (set timeout in the DSN to change it)").
  static Status ConnectError(const std::string& redacted_dsn, const std::string& what, int code,
                             const std::string& connect_limit = "");
};

}  // namespace gander
