#include "app/session.h"

#include "core/settings.h"
#include "db/engine_registry.h"

namespace gander {

ConnectionFactory DriverConnections(const std::string& driver, const std::string& dsn,
                                    const ClientDeadlines& deadlines) {
  return [driver, dsn, deadlines](std::unique_ptr<Connection>* out) {
    return OpenConnection(driver, dsn, deadlines, out);
  };
}

ConnectionFactory ReadOnlyConnections(const std::string& driver, const std::string& dsn) {
  ClientDeadlines options;
  options.read_only = true;
  return [driver, dsn, options](std::unique_ptr<Connection>* out) { return OpenConnection(driver, dsn, options, out); };
}

Status Session::Open(ConnectionFactory connect, const std::string& table, std::unique_ptr<Session>* out) {
  GANDER_RETURN_IF_ERROR(ValidateTableName(table));
  std::unique_ptr<Session> session(new Session());
  GANDER_RETURN_IF_ERROR(connect(&session->conn_));
  // The engine's length limit, known once connected; nothing is touched yet.
  GANDER_RETURN_IF_ERROR(ValidateTableNameFor(session->conn_->dialect().name(), table));
  session->store_ = std::make_unique<VersionStore>(session->conn_.get(), table);
  session->connect_ = std::move(connect);
  session->table_ = table;
  *out = std::move(session);
  return Status::OK();
}

Status Session::Open(const std::string& driver, const std::string& dbstring, const std::string& table,
                     std::unique_ptr<Session>* out) {
  // Checked before connecting when the driver is known.
  GANDER_RETURN_IF_ERROR(ValidateTableNameFor(driver, table));
  return Open(DriverConnections(driver, dbstring), table, out);
}

Status Session::OpenReadOnly(const std::string& driver, const std::string& dbstring, const std::string& table,
                             std::unique_ptr<Session>* out) {
  return Open(ReadOnlyConnections(driver, dbstring), table, out);
}

Session::~Session() {
  // Nothing to report it to; the server releases the lock with the session anyway.
  if (locked_) conn_->Unlock().IgnoreError();
}

Status Session::Lock(std::chrono::milliseconds timeout) {
  GANDER_RETURN_IF_ERROR(conn_->Lock(timeout));
  locked_ = true;
  return Status::OK();
}

Status Session::Reconnect(std::chrono::milliseconds lock_timeout) {
  std::unique_ptr<Connection> fresh;
  GANDER_RETURN_IF_ERROR(connect_(&fresh));
  store_.reset();
  conn_ = std::move(fresh);
  store_ = std::make_unique<VersionStore>(conn_.get(), table_);
  locked_ = false;
  return Lock(lock_timeout);
}

bool Session::Alive() {
  std::vector<Row> rows;
  return conn_->Query("SELECT 1", &rows).ok();
}

Status Session::ReadState(DbVersions* versions, std::optional<DirtyState>* dirty) {
  std::vector<TrackingRow> rows;
  GANDER_RETURN_IF_ERROR(store_->ReadState(&rows, dirty));
  *versions = SummarizeRows(rows);
  return Status::OK();
}

}  // namespace gander
