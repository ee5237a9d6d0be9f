// Placeholder until the sqlite driver lands.
#include "db/drivers.h"

namespace gander {

Status OpenSqlite(const std::string&, std::unique_ptr<Connection>*) {
  return Status::Failed("the sqlite driver is not built yet");
}

}  // namespace gander
