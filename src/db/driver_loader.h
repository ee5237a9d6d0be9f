// Finds the PostgreSQL and MySQL drivers. Their client libraries (libpqxx,
// libpq, Connector/C++, libmariadb and what those pull in: Kerberos, LDAP,
// GnuTLS, ...) cost several milliseconds of dynamic loading, so the gander
// binary does not link them: each driver is a module (gander-postgres.so,
// gander-mysql.so) loaded on first use. Programs that link a driver's object
// file directly (the test suites) register it at start-up instead.
#pragma once

#include <memory>
#include <string>

#include "db/connection.h"

namespace gander {

// Opens a connection (db/connection.h OpenConnection has the contract).
using DriverOpenFn = Status (*)(const std::string& dsn, const ClientDeadlines& deadlines,
                                std::unique_ptr<Connection>* out);

// The running program's path (/proc/self/exe): drivers are looked up beside
// it, and the fleet starts it again for each target.
std::string ExecutablePath();

// Called by a driver linked into this program (a static initializer in its file).
bool RegisterLinkedDriver(const std::string& name, DriverOpenFn open);

// The open function of driver `name` ("postgres", "mysql"): the linked one,
// else the module's, searched in $GANDER_DRIVER_DIR, beside the executable,
// in ../lib/gander from it, and in the install directory. Errors name the
// module and where it was looked for.
Status LoadDriver(const std::string& name, DriverOpenFn* open);

}  // namespace gander

// What a driver module exports: `extern "C" gander::DriverOpenFn
// gander_<name>_driver_v2()` returns its open function. The suffix is the
// DriverOpenFn signature's version: a module built for another one is
// refused ("is not a gander ... driver") rather than called wrongly.
#define GANDER_DRIVER_MODULE_ENTRY(name, fn)                                                     \
  extern "C" __attribute__((visibility("default"))) gander::DriverOpenFn gander_##name##_driver_v2() { \
    return &fn;                                                                                   \
  }
