// Placeholder until the mysql driver lands.
#include "db/drivers.h"

namespace gander {

Status OpenMysql(const std::string&, std::unique_ptr<Connection>*) {
  return Status::Failed("the mysql driver is not built yet");
}

}  // namespace gander
