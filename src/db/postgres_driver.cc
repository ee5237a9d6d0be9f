// PostgreSQL through libpqxx 6.4. Statements go through a nontransaction
// (libpq's simple query protocol), so a string with several statements runs
// them all, and BEGIN/COMMIT stay under the engine-neutral code's control.
// Every libpqxx exception stops here and becomes a Status.
#include <pqxx/pqxx>

#include <thread>

#include "db/dialect_postgres.h"
#include "db/driver_loader.h"
#include "db/drivers.h"
#include "db/dsn.h"

namespace gander {
namespace {

constexpr pqxx::oid kBoolOid = 16;

Status FromException(const std::exception& e) {
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    return PostgresDialect::ErrorStatus(sql->what(), sql->sqlstate());
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return Status::Failed("lost connection to PostgreSQL: " + PostgresDialect::FirstLine(e.what())).MarkTransient();
  }
  return Status::Failed(PostgresDialect::FirstLine(e.what()));
}

// Removes the search_path / schema option (libpq rejects it) from a URL query
// or key=value string, returning its value.
std::string TakeSearchPath(std::string* dsn) {
  Dsn parsed;
  if (!ParsePostgresDsn(*dsn, &parsed).ok()) return "";
  std::string value;
  for (const char* key : {"search_path", "schema"}) {
    auto it = parsed.params.find(key);
    if (it == parsed.params.end()) continue;
    value = it->second;
    std::string needle = std::string(key) + "=";
    size_t pos = dsn->find(needle);
    size_t end = dsn->find_first_of("& ", pos);
    bool in_query = pos > 0 && ((*dsn)[pos - 1] == '?' || (*dsn)[pos - 1] == '&');
    if (in_query && end != std::string::npos && (*dsn)[end] == '&') ++end;  // drop the separator too
    dsn->erase(pos, end == std::string::npos ? std::string::npos : end - pos);
    while (!dsn->empty() && (dsn->back() == '?' || dsn->back() == '&')) dsn->pop_back();
  }
  return value;
}

class PostgresConnection : public Connection {
 public:
  PostgresConnection(std::unique_ptr<pqxx::connection> conn, const std::string& search_path)
      : conn_(std::move(conn)), lock_id_(PostgresDialect::LockIdFor(search_path)) {}
  ~PostgresConnection() override {
    try {
      conn_->disconnect();
    } catch (...) {
    }
  }

  const Dialect& dialect() const override { return dialect_; }

  Status Exec(const std::string& sql) override { return Run(sql, nullptr); }
  Status Query(const std::string& sql, std::vector<Row>* rows) override { return Run(sql, rows); }
  Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) override {
    std::string numbered;  // `?` -> $1, $2, ... (gander's own statements hold no other `?`)
    int n = 0;
    for (char c : sql) numbered += c == '?' ? "$" + std::to_string(++n) : std::string(1, c);
    try {
      pqxx::nontransaction tx(*conn_);
      tx.exec_params(numbered, pqxx::prepare::make_dynamic_params(params));
      return Status::OK();
    } catch (const std::exception& e) {
      return FromException(e);
    }
  }
  Status Begin() override { return Run("BEGIN", nullptr); }
  Status Commit() override { return Run("COMMIT", nullptr); }
  Status Rollback() override { return Run("ROLLBACK", nullptr); }

  Status Lock(std::chrono::milliseconds timeout) override {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      std::vector<Row> rows;
      GANDER_RETURN_IF_ERROR(Run(PostgresDialect::TryLock(lock_id_), &rows));
      if (!rows.empty() && rows[0][0] == std::string("1")) return Status::OK();
      if (std::chrono::steady_clock::now() >= deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::vector<Row> holder;
    Run(PostgresDialect::LockHolderQuery(lock_id_), &holder);
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
  Status Run(const std::string& sql, std::vector<Row>* rows) {
    try {
      pqxx::nontransaction tx(*conn_);
      pqxx::result result = tx.exec(sql);
      if (rows != nullptr) {
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
      }
      return Status::OK();
    } catch (const std::exception& e) {
      return FromException(e);
    }
  }

  PostgresDialect dialect_;
  std::unique_ptr<pqxx::connection> conn_;
  std::string lock_id_;
};

}  // namespace

Status OpenPostgres(const std::string& dsn, std::unique_ptr<Connection>* out) {
  Dsn parsed;
  Status valid = ParsePostgresDsn(dsn, &parsed);
  if (!valid.ok()) return valid;
  std::string conninfo = dsn;
  std::string search_path = TakeSearchPath(&conninfo);
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& e) {
    return PostgresDialect::ConnectError(RedactDsn(dsn), e.what());
  }
  auto connection = std::make_unique<PostgresConnection>(std::move(conn), search_path);
  GANDER_RETURN_IF_ERROR(connection->Exec(PostgresDialect::SetApplicationName()));
  if (!search_path.empty()) {
    GANDER_RETURN_IF_ERROR(connection->Exec(PostgresDialect().SetSearchPath(search_path)));
  }
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
