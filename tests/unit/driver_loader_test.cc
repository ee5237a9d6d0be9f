#include "db/driver_loader.h"

#include <doctest/doctest.h>
#include <stdlib.h>

using namespace gander;

TEST_CASE("a linked driver is found at once; a missing module names where it was looked for") {
  DriverOpenFn open = nullptr;
  // The test program links the PostgreSQL and MySQL drivers: they registered themselves.
  REQUIRE(LoadDriver("postgres", &open).ok());
  CHECK((open != nullptr));
  REQUIRE(LoadDriver("mysql", &open).ok());

  setenv("GANDER_DRIVER_DIR", "/nonexistent/drivers", 1);
  Status missing = LoadDriver("oracle", &open);
  unsetenv("GANDER_DRIVER_DIR");
  CHECK(missing.message().rfind("the oracle driver (gander-oracle.so) is not installed; looked in "
                                "/nonexistent/drivers, ", 0) == 0);
  CHECK(ExecutablePath().find("gander_unit_tests") != std::string::npos);
}
