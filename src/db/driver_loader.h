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

using DriverOpenFn = Status (*)(const std::string& dsn, std::unique_ptr<Connection>* out);

// Called by a driver linked into this program (a static initializer in its file).
// The running program's path (/proc/self/exe): drivers are looked up beside
// it, and the fleet starts it again for each target.
std::string ExecutablePath();

bool RegisterLinkedDriver(const std::string& name, DriverOpenFn open);

// The open function of driver `name` ("postgres", "mysql"): the linked one,
// else the module's, searched in $GANDER_DRIVER_DIR, beside the executable,
// in ../lib/gander from it, and in the install directory. Errors name the
// module and where it was looked for.
Status LoadDriver(const std::string& name, DriverOpenFn* open);

}  // namespace gander

// What a driver module exports: `extern "C" gander::DriverOpenFn
// gander_<name>_driver()` returns its open function.
#define GANDER_DRIVER_MODULE_ENTRY(name, fn) \
  extern "C" __attribute__((visibility("default"))) gander::DriverOpenFn gander_##name##_driver() { return &fn; }
