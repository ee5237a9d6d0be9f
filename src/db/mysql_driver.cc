// MySQL and MariaDB through MySQL Connector/C++ 1.1 (<cppconn/*.h> only:
// <mysql_driver.h> drags Boost in). Multi-statement strings are enabled and
// every result is drained, so an error in a later statement is reported.
// Every sql::SQLException stops here and becomes a Status.
//
// Client deadlines (db/client_options.h): Connector/C++'s connect, read and
// write timeouts, fixed when the connection opens; a request whose reply does
// not come within the read timeout ends as "no reply", its outcome unknown.
#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <cstdlib>

#include "db/dialect_mysql.h"
#include "db/driver_loader.h"
#include "db/drivers.h"
#include "db/dsn.h"
#include "db/lease_lock.h"

namespace gander {
namespace {

// Connector/C++'s error for a request that started at `started`. A lost
// connection may have lost the reply of a request that ran; one that ends
// when the read timeout (the reply deadline) runs out says so.
Status FromException(const sql::SQLException& e, std::chrono::steady_clock::time_point started,
                     const MysqlTimeouts& timeouts, const std::string& origin) {
  Status st = MysqlDialect::ErrorStatus(e.what(), e.getErrorCode());
  if (!MysqlDialect::MeansLostReply(e.getErrorCode())) return st;
  st.MarkOutcomeUnknown();
  auto waited = std::chrono::steady_clock::now() - started;
  if (timeouts.read_seconds > 0 && waited >= std::chrono::milliseconds(timeouts.read_seconds * 1000 - 500)) {
    return Status::Failed("no reply from MySQL within " + std::to_string(timeouts.read_seconds) + " s" +
                          (origin.empty() ? "" : " (" + origin + ")") +
                          ": the connection was closed; whether the request took effect is unknown (" + e.what() +
                          ", MySQL error " + std::to_string(e.getErrorCode()) + ")")
        .WithEngineCode(st.engine_code())
        .MarkTransient()
        .MarkOutcomeUnknown();
  }
  return st;
}

class MysqlConnection : public Connection {
 public:
  MysqlConnection(std::unique_ptr<sql::Connection> conn, std::string database, std::string dsn,
                  const ClientDeadlines& deadlines, const MysqlTimeouts& timeouts)
      : conn_(std::move(conn)), database_(std::move(database)), dsn_(std::move(dsn)), deadlines_(deadlines),
        timeouts_(timeouts) {}
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
    auto started = std::chrono::steady_clock::now();
    try {
      std::unique_ptr<sql::PreparedStatement> stmt(conn_->prepareStatement(sql));
      for (size_t i = 0; i < params.size(); ++i) stmt->setString(static_cast<unsigned int>(i + 1), params[i]);
      stmt->execute();
      return Status::OK();
    } catch (const sql::SQLException& e) {
      return FromException(e, started, timeouts_, deadlines_.reply_origin);
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
        ClientDeadlines deadlines = deadlines_;
        // GANDER_LOCK_LEASE_SECONDS: how soon a dead holder's lock is taken over.
        long long lease = 15;
        if (const char* text = std::getenv("GANDER_LOCK_LEASE_SECONDS")) lease = std::max(3LL, std::atoll(text));
        lease_ = std::make_unique<LeaseLock>(
            LockName(), [dsn, deadlines](std::unique_ptr<Connection>* out) { return OpenMysql(dsn, deadlines, out); },
            std::chrono::seconds(lease));
      }
      return lease_->Acquire(*this, timeout);
    }
    if (timeouts_.read_seconds == 0) {
      std::vector<Row> rows;
      GANDER_RETURN_IF_ERROR(Run(dialect_.GetLock(LockName(), timeout), &rows));
      if (!rows.empty() && rows[0][0] == std::string("1")) return Status::OK();
    } else {
      // GET_LOCK waits on the server: in slices shorter than the read
      // timeout, so that waiting for the lock is not taken for no reply.
      auto slice = std::chrono::milliseconds(timeouts_.read_seconds * 500);
      auto deadline = std::chrono::steady_clock::now() + timeout;
      while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        std::vector<Row> rows;
        Status st = Run(dialect_.GetLock(LockName(), std::max(std::chrono::milliseconds(0), std::min(left, slice))), &rows);
        if (!st.ok()) return st.outcome_unknown() ? st.Prepend("taking the migration lock") : st;
        if (!rows.empty() && rows[0][0] == std::string("1")) return Status::OK();
        if (std::chrono::steady_clock::now() >= deadline) break;
      }
    }
    std::vector<Row> holder;
    Run(dialect_.LockHolderQuery(LockName()), &holder).IgnoreError();  // only names the holder
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
    return Run(dialect_.ReleaseLock(LockName()), nullptr);
  }

  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    if (server_version_.empty()) server_version_ = ServerVersion();  // asked once: it is set before every statement
    return Run(MysqlDialect::SetStatementTimeout(timeout, server_version_.rfind("MariaDB", 0) == 0), nullptr);
  }

  std::string ServerVersion() override {
    std::vector<Row> rows;
    if (!Run(MysqlDialect::ServerVersionQuery(), &rows).ok() || rows.empty()) return "MySQL";
    return MysqlDialect::ServerVersionName(rows[0][0].value_or(""));
  }

 private:
  // Galera: wsrep on. Reads then wait for the cluster to catch up
  // (wsrep_sync_wait), so that a runner sees what another node committed.
  Status DetectGalera() {
    if (galera_checked_) return Status::OK();
    std::vector<Row> rows;
    galera_ = Run(MysqlDialect::GaleraQuery(), &rows).ok() && !rows.empty() && CellText(rows[0], 1) == "ON";
    galera_checked_ = true;
    return galera_ ? Run(MysqlDialect::GaleraSyncWait(), nullptr) : Status::OK();
  }

  std::string LockName() const { return MysqlDialect::LockName(database_); }

  Status Run(const std::string& sql, std::vector<Row>* rows) {
    auto started = std::chrono::steady_clock::now();
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
      return FromException(e, started, timeouts_, deadlines_.reply_origin);
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
  ClientDeadlines deadlines_;
  MysqlTimeouts timeouts_;
  bool galera_checked_ = false, galera_ = false;
  std::string server_version_;
  std::unique_ptr<LeaseLock> lease_;
};

}  // namespace

Status OpenMysql(const std::string& dsn, const ClientDeadlines& deadlines, std::unique_ptr<Connection>* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParseMysqlDsn(dsn, &parsed));
  if (parsed.database.empty()) return Status::Invalid("MySQL DSN names no database: " + RedactMysqlDsn(dsn));
  MysqlTimeouts timeouts;
  GANDER_RETURN_IF_ERROR(MysqlTimeoutsFor(parsed, deadlines, &timeouts));
  std::string where = parsed.socket.empty() ? parsed.host + ":" + std::to_string(parsed.port) : parsed.socket;
  auto started = std::chrono::steady_clock::now();
  try {
    sql::Driver* driver = get_driver_instance();
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(parsed.socket.empty() ? "tcp://" + where : "unix://" + parsed.socket);
    options["userName"] = sql::SQLString(parsed.user);
    options["password"] = sql::SQLString(parsed.password);
    options["schema"] = sql::SQLString(parsed.database);
    options["CLIENT_MULTI_STATEMENTS"] = true;
    options["OPT_CONNECT_TIMEOUT"] = timeouts.connect_seconds;
    if (timeouts.read_seconds > 0) options["OPT_READ_TIMEOUT"] = timeouts.read_seconds;
    if (timeouts.write_seconds > 0) options["OPT_WRITE_TIMEOUT"] = timeouts.write_seconds;
    options["OPT_RECONNECT"] = false;
    std::unique_ptr<sql::Connection> conn(driver->connect(options));
    *out = std::make_unique<MysqlConnection>(std::move(conn), parsed.database, dsn, deadlines, timeouts);
    return Status::OK();
  } catch (const sql::SQLException& e) {
    std::string limit;  // the connect timeout ran out
    if (timeouts.connect_seconds > 0 && std::chrono::steady_clock::now() - started >=
                                            std::chrono::milliseconds(timeouts.connect_seconds * 1000 - 500)) {
      limit = std::to_string(timeouts.connect_seconds) + " s (" +
              (parsed.params.count("timeout") ? "the DSN's timeout" : "set timeout in the DSN to change it") + ")";
    }
    return MysqlDialect::ConnectError(RedactMysqlDsn(dsn), e.what(), e.getErrorCode(), limit);
  } catch (const std::exception& e) {
    return Status::Failed("cannot connect to MySQL (" + RedactMysqlDsn(dsn) + "): " + e.what());
  }
}

}  // namespace gander

namespace {
// Linked into a program (the tests): available at once. Built as the module
// gander-mysql.so (the gander binary): found by db/driver_loader.cc.
[[maybe_unused]] const bool kLinked = gander::RegisterLinkedDriver("mysql", &gander::OpenMysql);
}  // namespace

GANDER_DRIVER_MODULE_ENTRY(mysql, gander::OpenMysql)
