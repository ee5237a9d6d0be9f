// Placeholder until the postgres driver lands.
#include "db/drivers.h"

namespace gander {

Status OpenPostgres(const std::string&, std::unique_ptr<Connection>*) {
  return Status::Failed("the postgres driver is not built yet");
}

}  // namespace gander
