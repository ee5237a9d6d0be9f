// MySQL and MariaDB through MySQL Connector/C++ 1.1 (<cppconn/*.h> only:
// <mysql_driver.h> drags Boost in). Multi-statement strings are enabled and
// every result is drained, so an error in a later statement is reported.
// Every sql::SQLException stops here and becomes a Status.
#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/checksum.h"
#include "db/driver_loader.h"
#include "db/drivers.h"
#include "db/dsn.h"
#include "db/lease_lock.h"

namespace gander {
namespace {

class MysqlDialect : public Dialect {
 public:
  const char* name() const override { return "mysql"; }
  std::string QuoteIdentifier(const std::string& name) const override {
    std::string out = "`";
    for (char c : name) {
      if (c == '`') out += "``";
      else if (c == '.') out += "`.`";
      else out += c;
    }
    return out + "`";
  }
  std::string QuoteString(const std::string& value) const override {
    std::string out = "'";
    for (char c : value) {
      if (c == '\0') continue;
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out + "'";
  }
  // goose v3's MySQL DDL (`id serial` spelled out).
  std::string CreateVersionTable(const std::string& table) const override {
    return "CREATE TABLE " + QuoteIdentifier(table) +
           " (\n\t\tid bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n\t\tversion_id bigint NOT NULL,\n"
           "\t\tis_applied boolean NOT NULL,\n\t\ttstamp timestamp NULL default now(),\n\t\tPRIMARY KEY(id)\n\t)";
  }
  std::string TableExists(const std::string& table) const override {
    size_t dot = table.find('.');
    std::string schema = dot == std::string::npos ? "DATABASE()" : QuoteString(table.substr(0, dot));
    std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
    return "SELECT 1 FROM information_schema.tables WHERE table_schema = " + schema + " AND table_name = " +
           QuoteString(name);
  }
  std::string BoolLiteral(bool value) const override { return value ? "true" : "false"; }
  std::string TextType() const override { return "LONGTEXT"; }
  std::string KeyTextType() const override { return "VARCHAR(255)"; }
  std::string ReadOnlyQuery() const override { return "SELECT @@global.read_only"; }
  std::string ReadOnlyReason() const override { return "its read_only variable is ON, as on a replica"; }
  std::string TimestampNow() const override { return "DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s')"; }
  bool transactional_ddl() const override { return false; }
  // Statements that commit implicitly (MySQL manual, "Statements That Cause an
  // Implicit Commit"): DDL, account management, table locking, maintenance.
  SchemaError ClassifySchemaError(const Status& error) const override {
    auto has = [&](int code) {
      return error.message().find("(MySQL error " + std::to_string(code) + ")") != std::string::npos;
    };
    // 1050 table exists, 1060 duplicate column, 1061 duplicate key name,
    // 1826 duplicate foreign key, 1359 trigger exists.
    for (int code : {1050, 1060, 1061, 1826, 1359}) {
      if (has(code)) return SchemaError::kExists;
    }
    // 1051 unknown table, 1091 can't drop (no such column/key), 1360 trigger does not exist.
    for (int code : {1051, 1091, 1360}) {
      if (has(code)) return SchemaError::kMissing;
    }
    return SchemaError::kNone;
  }
  bool CommitsImplicitly(const std::string& statement) const override {
    std::string words;
    size_t i = 0;
    while (i < statement.size()) {  // skip leading blanks and comments
      if (std::isspace(static_cast<unsigned char>(statement[i]))) { ++i; continue; }
      if (statement.compare(i, 2, "--") == 0 || statement[i] == '#') { i = statement.find('\n', i); if (i == std::string::npos) return false; continue; }
      if (statement.compare(i, 2, "/*") == 0) { i = statement.find("*/", i); if (i == std::string::npos) return false; i += 2; continue; }
      break;
    }
    for (size_t n = 0; i < statement.size() && n < 2; ++n) {
      size_t start = i;
      while (i < statement.size() && std::isalpha(static_cast<unsigned char>(statement[i]))) ++i;
      std::string word = statement.substr(start, i - start);
      std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
      words += (n ? " " : "") + word;
      while (i < statement.size() && std::isspace(static_cast<unsigned char>(statement[i]))) ++i;
    }
    std::string first = words.substr(0, words.find(' '));
    if (words == "CREATE TEMPORARY" || words == "DROP TEMPORARY") return false;
    for (const char* keyword : {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK",
                                "UNLOCK", "ANALYZE", "OPTIMIZE", "REPAIR", "INSTALL", "UNINSTALL"}) {
      if (first == keyword) return true;
    }
    return false;
  }
};

bool IsTransientCode(int code) {
  return code == 1205 || code == 1213 || code == 2006 || code == 2013 || code == 2002 || code == 2003;
}

Status FromException(const sql::SQLException& e) {
  Status st = Status::Failed(std::string(e.what()) + " (MySQL error " + std::to_string(e.getErrorCode()) + ")");
  if (IsTransientCode(e.getErrorCode())) st.MarkTransient();
  return st;
}

class MysqlConnection : public Connection {
 public:
  MysqlConnection(std::unique_ptr<sql::Connection> conn, std::string database, std::string dsn)
      : conn_(std::move(conn)), database_(std::move(database)), dsn_(std::move(dsn)) {}
  ~MysqlConnection() override {
    lease_.reset();
    try {
      conn_->close();
    } catch (...) {
    }
  }

  const Dialect& dialect() const override { return dialect_; }

  Status Exec(const std::string& sql) override { return Run(sql, nullptr); }
  Status Query(const std::string& sql, std::vector<Row>* rows) override { return Run(sql, rows); }
  Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) override {
    try {
      std::unique_ptr<sql::PreparedStatement> stmt(conn_->prepareStatement(sql));
      for (size_t i = 0; i < params.size(); ++i) stmt->setString(static_cast<unsigned int>(i + 1), params[i]);
      stmt->execute();
      return Status::OK();
    } catch (const sql::SQLException& e) {
      return FromException(e);
    } catch (const std::exception& e) {
      return Status::Failed(e.what());
    }
  }
  Status Begin() override { return Run("START TRANSACTION", nullptr); }
  Status Commit() override { return Run("COMMIT", nullptr); }
  Status Rollback() override { return Run("ROLLBACK", nullptr); }

  // GET_LOCK is per server and dies with the session. On a Galera cluster it
  // is per node, so there the lock is a leased row every node sees.
  Status Lock(std::chrono::milliseconds timeout) override {
    GANDER_RETURN_IF_ERROR(DetectGalera());
    if (galera_) {
      if (!lease_) {
        std::string dsn = dsn_;
        // GANDER_LOCK_LEASE_SECONDS: how soon a dead holder's lock is taken over.
        long long lease = 15;
        if (const char* text = std::getenv("GANDER_LOCK_LEASE_SECONDS")) lease = std::max(3LL, std::atoll(text));
        lease_ = std::make_unique<LeaseLock>(
            LockName(), [dsn](std::unique_ptr<Connection>* out) { return OpenMysql(dsn, out); },
            std::chrono::seconds(lease));
      }
      return lease_->Acquire(*this, timeout);
    }
    std::vector<Row> rows;
    std::string seconds = std::to_string(timeout.count() / 1000.0);
    GANDER_RETURN_IF_ERROR(Run("SELECT GET_LOCK(" + dialect_.QuoteString(LockName()) + ", " + seconds + ")", &rows));
    if (!rows.empty() && rows[0][0] == std::string("1")) return Status::OK();
    std::vector<Row> holder;
    Run("SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(" +
            dialect_.QuoteString(LockName()) + ")",
        &holder);
    std::string who = "another session";
    if (!holder.empty()) {
      const Row& h = holder[0];
      who = "connection " + h[0].value_or("?") + " (user " + h[1].value_or("?") + " from " + h[2].value_or("?") +
            ", " + h[3].value_or("?") + "s in its current state)";
    }
    return Status::LockTimeout("the migration lock \"" + LockName() + "\" is held by " + who + "; waited " +
                               std::to_string(timeout.count() / 1000) + "s (see --lock-timeout)");
  }
  Status Unlock() override {
    if (lease_) return lease_->Release(*this);
    return Run("SELECT RELEASE_LOCK(" + dialect_.QuoteString(LockName()) + ")", nullptr);
  }

  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    if (ServerVersion().rfind("MariaDB", 0) == 0) {
      return Run("SET SESSION max_statement_time = " + std::to_string(timeout.count() / 1000.0), nullptr);
    }
    return Run("SET SESSION max_execution_time = " + std::to_string(timeout.count()), nullptr);
  }

  std::string ServerVersion() override {
    std::vector<Row> rows;
    if (!Run("SELECT VERSION()", &rows).ok() || rows.empty()) return "MySQL";
    std::string v = rows[0][0].value_or("");
    return (v.find("MariaDB") != std::string::npos ? "MariaDB " : "MySQL ") + v.substr(0, v.find('-'));
  }

 private:
  // Galera: wsrep on. Reads then wait for the cluster to catch up
  // (wsrep_sync_wait), so that a runner sees what another node committed.
  Status DetectGalera() {
    if (galera_checked_) return Status::OK();
    std::vector<Row> rows;
    galera_ = Run("SHOW VARIABLES LIKE 'wsrep_on'", &rows).ok() && !rows.empty() && CellText(rows[0], 1) == "ON";
    galera_checked_ = true;
    return galera_ ? Run("SET SESSION wsrep_sync_wait = 1", nullptr) : Status::OK();
  }

  // Lock names are at most 64 characters.
  std::string LockName() const {
    std::string name = "gander:" + database_;
    return name.size() <= 64 ? name : "gander:" + Sha256Hex(database_).substr(0, 40);
  }

  Status Run(const std::string& sql, std::vector<Row>* rows) {
    try {
      std::unique_ptr<sql::Statement> stmt(conn_->createStatement());
      bool is_result_set = stmt->execute(sql);
      // A string of N statements has at most N results; getMoreResults()
      // cannot tell "no more" from "next is an update count", so ask once
      // per possible statement. An error in a later statement throws here.
      size_t results = 1 + static_cast<size_t>(std::count(sql.begin(), sql.end(), ';'));
      for (size_t i = 0; i < results; ++i) {
        if (is_result_set) {
          std::unique_ptr<sql::ResultSet> rs(stmt->getResultSet());
          if (rows != nullptr && rs) Collect(rs.get(), rows);
        }
        if (i + 1 < results) is_result_set = stmt->getMoreResults();
      }
      return Status::OK();
    } catch (const sql::SQLException& e) {
      return FromException(e);
    } catch (const std::exception& e) {
      return Status::Failed(e.what());
    }
  }

  static void Collect(sql::ResultSet* rs, std::vector<Row>* rows) {
    unsigned int columns = rs->getMetaData()->getColumnCount();
    while (rs->next()) {
      Row row;
      for (unsigned int c = 1; c <= columns; ++c) {
        std::string value = rs->getString(c);
        if (rs->wasNull()) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::move(value));
        }
      }
      rows->push_back(std::move(row));
    }
  }

  MysqlDialect dialect_;
  std::unique_ptr<sql::Connection> conn_;
  std::string database_;
  std::string dsn_;  // for the lease heartbeat's own connection
  bool galera_checked_ = false, galera_ = false;
  std::unique_ptr<LeaseLock> lease_;
};

}  // namespace

Status OpenMysql(const std::string& dsn, std::unique_ptr<Connection>* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParseMysqlDsn(dsn, &parsed));
  if (parsed.database.empty()) return Status::Invalid("MySQL DSN names no database: " + RedactDsn(dsn));
  std::string where = parsed.socket.empty() ? parsed.host + ":" + std::to_string(parsed.port) : parsed.socket;
  try {
    sql::Driver* driver = get_driver_instance();
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(parsed.socket.empty() ? "tcp://" + where : "unix://" + parsed.socket);
    options["userName"] = sql::SQLString(parsed.user);
    options["password"] = sql::SQLString(parsed.password);
    options["schema"] = sql::SQLString(parsed.database);
    options["CLIENT_MULTI_STATEMENTS"] = true;
    options["OPT_CONNECT_TIMEOUT"] = 10;
    options["OPT_RECONNECT"] = false;
    std::unique_ptr<sql::Connection> conn(driver->connect(options));
    *out = std::make_unique<MysqlConnection>(std::move(conn), parsed.database, dsn);
    return Status::OK();
  } catch (const sql::SQLException& e) {
    Status st = Status::Failed("cannot connect to MySQL (" + RedactDsn(dsn) + "): " + e.what() +
                               " (MySQL error " + std::to_string(e.getErrorCode()) + ")");
    if (e.getErrorCode() == 2002 || e.getErrorCode() == 2003 || e.getErrorCode() == 2013) st.MarkTransient();
    return st;
  } catch (const std::exception& e) {
    return Status::Failed("cannot connect to MySQL (" + RedactDsn(dsn) + "): " + e.what());
  }
}

}  // namespace gander

namespace {
// Linked into a program (the tests): available at once. Built as the module
// gander-mysql.so (the gander binary): found by db/driver_loader.cc.
[[maybe_unused]] const bool kLinked = gander::RegisterLinkedDriver("mysql", &gander::OpenMysql);
}  // namespace

GANDER_DRIVER_MODULE_ENTRY(mysql, gander::OpenMysql)
