#include "app/session.h"

#include "core/settings.h"

namespace gander {

Status Session::Open(const std::string& driver, const std::string& dbstring, const std::string& table,
                     std::unique_ptr<Session>* out) {
  GANDER_RETURN_IF_ERROR(ValidateTableName(table));
  std::unique_ptr<Session> session(new Session());
  GANDER_RETURN_IF_ERROR(OpenConnection(driver, dbstring, &session->conn_));
  session->store_ = std::make_unique<VersionStore>(session->conn_.get(), table);
  session->driver_ = driver;
  session->dbstring_ = dbstring;
  session->table_ = table;
  *out = std::move(session);
  return Status::OK();
}

Session::~Session() {
  if (locked_) conn_->Unlock();
}

Status Session::Lock(std::chrono::milliseconds timeout) {
  GANDER_RETURN_IF_ERROR(conn_->Lock(timeout));
  locked_ = true;
  return Status::OK();
}

Status Session::Reconnect(std::chrono::milliseconds lock_timeout) {
  std::unique_ptr<Connection> fresh;
  GANDER_RETURN_IF_ERROR(OpenConnection(driver_, dbstring_, &fresh));
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
  GANDER_RETURN_IF_ERROR(store_->ListRows(&rows));
  *versions = SummarizeRows(rows);
  return store_->ReadDirty(dirty);
}

}  // namespace gander
