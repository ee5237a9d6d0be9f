#include "app/session.h"

#include "core/settings.h"

namespace gander {

Status Session::Open(const std::string& driver, const std::string& dbstring, const std::string& table,
                     std::unique_ptr<Session>* out) {
  GANDER_RETURN_IF_ERROR(ValidateTableName(table));
  std::unique_ptr<Session> session(new Session());
  GANDER_RETURN_IF_ERROR(OpenConnection(driver, dbstring, &session->conn_));
  session->store_ = std::make_unique<VersionStore>(session->conn_.get(), table);
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

Status Session::ReadState(DbVersions* versions, std::optional<DirtyState>* dirty) {
  std::vector<TrackingRow> rows;
  GANDER_RETURN_IF_ERROR(store_->ListRows(&rows));
  *versions = SummarizeRows(rows);
  return store_->ReadDirty(dirty);
}

}  // namespace gander
