// The driver boundary's scrubber: every message a client library, a server or
// a driver puts into a Status passes through a SecretScrubber
// (core/secret_scrubber.h) that knows the connection's secrets, before
// anything above src/db sees it. OpenConnection (db/connection.h) applies it
// to every connection and to the error of a failed connect.
#pragma once

#include <memory>
#include <string>

#include "core/secret_scrubber.h"
#include "db/connection.h"

namespace gander {

// Every secret a connection to `driver` with `dsn` may involve: the DSN's
// own (DsnSecrets, db/dsn.h), and for PostgreSQL what libpq may use without
// the DSN naming it: PGPASSWORD, and the passwords of the password file
// (the DSN's passfile, else PGPASSFILE, else ~/.pgpass).
SecretScrubber ScrubberFor(const std::string& driver, const std::string& dsn);

// `inner` with the Status of every call, and ServerVersion(), scrubbed.
// Query rows are data and pass unchanged.
std::unique_ptr<Connection> ScrubbingConnection(std::unique_ptr<Connection> inner, SecretScrubber scrubber);

}  // namespace gander
