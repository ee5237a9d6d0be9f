// PostgreSQL through libpqxx 6.4. Statements go through a nontransaction
// (libpq's simple query protocol), so a string with several statements runs
// them all, and BEGIN/COMMIT stay under the engine-neutral code's control.
// Every libpqxx exception stops here and becomes a Status.
//
// Client deadlines (db/client_options.h): libpq's connect_timeout and TCP
// keepalives in the connection string; libpq waits for a reply without any
// limit, so a SocketDeadline shuts the socket down when the reply deadline
// passes, and the request ends as "no reply" with its outcome unknown.
#include <pqxx/pqxx>

#include <algorithm>
#include <thread>

#include "db/dialect_postgres.h"
#include "db/driver_loader.h"
#include "db/drivers.h"
#include "db/dsn.h"
#include "db/socket_deadline.h"

namespace gander {
namespace {

constexpr pqxx::oid kBoolOid = 16;

// `was_open`: the connection was usable when the request started, so a lost
// connection may have lost the reply of a request that ran.
Status FromException(const std::exception& e, bool was_open) {
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    return PostgresDialect::ErrorStatus(sql->what(), sql->sqlstate());
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    Status st = Status::Failed("lost connection to PostgreSQL: " + PostgresDialect::FirstLine(e.what()));
    st.MarkTransient();
    if (was_open) st.MarkOutcomeUnknown();
    return st;
  }
  return Status::Failed(PostgresDialect::FirstLine(e.what()));
}

class PostgresConnection : public Connection {
 public:
  PostgresConnection(std::unique_ptr<pqxx::connection> conn, const std::string& search_path,
                     const ClientDeadlines& deadlines)
      : conn_(std::move(conn)), lock_id_(PostgresDialect::LockIdFor(search_path)), deadlines_(deadlines),
        reply_(deadlines.reply) {
    // libpqxx 6 re-opens a broken connection silently on its next use: the
    // new session holds neither the migration lock nor the statement
    // timeout, and the caller would take its answers for the old session's.
    // A lost connection stays lost (db/connection.h); the engine reconnects.
    // (Deprecated in libpqxx 6, gone in 7, where connections never reactivate.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    conn_->inhibit_reactivation(true);
#pragma GCC diagnostic pop
  }
  ~PostgresConnection() override {
    try {
      conn_->disconnect();
    } catch (...) {
    }
  }

  // Statements run while opening (search_path) are part of
  // connecting: without a reply deadline, the connect deadline bounds them.
  Status Setup(const std::string& sql) {
    reply_ = deadlines_.reply.count() > 0 ? deadlines_.reply : deadlines_.connect;
    Status st = Run(sql, nullptr);
    reply_ = deadlines_.reply;
    return st;
  }

  const Dialect& dialect() const override { return dialect_; }

  Status Exec(const std::string& sql) override { return Run(sql, nullptr); }
  Status Query(const std::string& sql, std::vector<Row>* rows) override { return Run(sql, rows); }
  Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) override {
    std::string numbered;  // `?` -> $1, $2, ... (gander's own statements hold no other `?`)
    int n = 0;
    for (char c : sql) numbered += c == '?' ? "$" + std::to_string(++n) : std::string(1, c);
    return Guarded([&] {
      pqxx::nontransaction tx(*conn_);
      tx.exec_params(numbered, pqxx::prepare::make_dynamic_params(params));
    });
  }
  Status Begin() override { return Run("BEGIN", nullptr); }
  Status Commit() override { return Run("COMMIT", nullptr); }
  Status Rollback() override { return Run("ROLLBACK", nullptr); }

  Status Lock(std::chrono::milliseconds timeout) override {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      std::vector<Row> rows;
      Status st = Run(PostgresDialect::TryLock(lock_id_), &rows);
      if (!st.ok()) return st.outcome_unknown() ? st.Prepend("taking the migration lock") : st;
      if (!rows.empty() && rows[0][0] == std::string("1")) return Status::OK();
      if (std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::vector<Row> holder;
    Run(PostgresDialect::LockHolderQuery(lock_id_), &holder).IgnoreError();  // only names the holder
    std::string who = "another session";
    if (!holder.empty()) {
      const Row& h = holder[0];
      who = "backend pid " + h[0].value_or("?") + " (application \"" + h[1].value_or("") + "\", from " +
            h[2].value_or("?") + ", connected since " + h[3].value_or("?") + ")";
    }
    return Status::LockTimeout("the migration lock (advisory lock " + lock_id_ + ") is held by " +
                               who + "; waited " + std::to_string(timeout.count() / 1000) + "s (see --lock-timeout)");
  }
  Status Unlock() override {
    return Run(PostgresDialect::Unlock(lock_id_), nullptr);
  }

  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    return Run(PostgresDialect::SetStatementTimeout(timeout), nullptr);
  }

  std::string ServerVersion() override {
    std::vector<Row> rows;
    if (Run(PostgresDialect::ServerVersionQuery(), &rows).ok() && !rows.empty()) return "PostgreSQL " + rows[0][0].value_or("");
    return "PostgreSQL";
  }

 private:
  // Runs `call` under the reply deadline. A reply that came in time counts
  // even if the deadline then fired (the connection is dead for the next call).
  template <typename Call>
  Status Guarded(Call&& call) {
    // Dead after a lost connection: nothing is sent (so nothing can have
    // taken effect), whatever libpqxx would try.
    if (lost_) return Status::Failed("lost connection to PostgreSQL: the connection was closed earlier").MarkTransient();
    bool was_open = conn_->is_open();
    ArmedDeadline armed(deadline_, conn_->sock(), reply_);
    Status st;
    try {
      call();
    } catch (const std::exception& e) {
      st = FromException(e, was_open);
    }
    lost_ = lost_ || st.outcome_unknown() || !conn_->is_open();
    if (armed.Disarm() && !st.ok()) {
      lost_ = true;
      return Status::Failed("no reply from PostgreSQL within " + std::to_string((reply_.count() + 999) / 1000) +
                            " s" + (deadlines_.reply_origin.empty() ? "" : " (" + deadlines_.reply_origin + ")") +
                            ": the connection was closed; whether the request took effect is unknown")
          .MarkTransient()
          .MarkOutcomeUnknown();
    }
    return st;
  }

  Status Run(const std::string& sql, std::vector<Row>* rows) {
    return Guarded([&] {
      pqxx::nontransaction tx(*conn_);
      pqxx::result result = tx.exec(sql);
      if (rows == nullptr) return;
      for (const auto& r : result) {
        Row row;
        for (const auto& field : r) {
          if (field.is_null()) {
            row.emplace_back(std::nullopt);
          } else if (field.type() == kBoolOid) {
            row.emplace_back(std::string(field.c_str()) == "t" ? "1" : "0");
          } else {
            row.emplace_back(std::string(field.c_str()));
          }
        }
        rows->push_back(std::move(row));
      }
    });
  }

  PostgresDialect dialect_;
  std::unique_ptr<pqxx::connection> conn_;
  std::string lock_id_;
  ClientDeadlines deadlines_;
  std::chrono::milliseconds reply_;  // in force for the next request
  SocketDeadline deadline_;          // armed only while a request runs: closing conn_ races with nothing
  bool lost_ = false;                // the connection broke (or its deadline closed it): every call fails
};

}  // namespace

Status OpenPostgres(const std::string& dsn, const ClientDeadlines& deadlines, std::unique_ptr<Connection>* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParsePostgresDsn(dsn, &parsed));
  std::string conninfo, search_path;
  PostgresConninfo(parsed, deadlines, &conninfo, &search_path);
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& e) {
    auto own = parsed.params.find("connect_timeout");
    std::string limit = own != parsed.params.end()
                            ? own->second + " s (the DSN's connect_timeout)"
                            : std::to_string(std::max<long long>(2, (deadlines.connect.count() + 999) / 1000)) +
                                  " s (set connect_timeout in the DSN to change it)";
    return PostgresDialect::ConnectError(RedactPostgresDsn(dsn), e.what(), limit);
  }
  auto connection = std::make_unique<PostgresConnection>(std::move(conn), search_path, deadlines);
  if (!search_path.empty()) GANDER_RETURN_IF_ERROR(connection->Setup(PostgresDialect().SetSearchPath(search_path)));
  *out = std::move(connection);
  return Status::OK();
}

}  // namespace gander

namespace {
// Linked into a program (the tests): available at once. Built as the module
// gander-postgres.so (the gander binary): found by db/driver_loader.cc.
[[maybe_unused]] const bool kLinked = gander::RegisterLinkedDriver("postgres", &gander::OpenPostgres);
}  // namespace

GANDER_DRIVER_MODULE_ENTRY(postgres, gander::OpenPostgres)
