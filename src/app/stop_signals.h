// SIGTERM (a CI job cancelled) and SIGINT (Ctrl-C) ask a changing command to
// stop at its next safe point instead of dying mid-statement like kill -9
// (issue #17 item 5). The handler only records the signal (async-signal-
// safe); the engine polls it through Env::StopSignal (RealEnv reads it here)
// and finishes or abandons what is in flight. A second signal ends the
// process at once (_exit(128 + signal)): the server then rolls back the open
// transaction as after a kill, and `status` explains what is left.
#pragma once

#include <string>

namespace gander {

// Installs the handlers for SIGTERM and SIGINT, once per process (later calls
// do nothing). Only commands that change a database install them; others
// keep the default action.
void InstallStopHandlers();

// The first stop signal received since InstallStopHandlers, 0 if none.
int StopSignalReceived();

// "SIGTERM", "SIGINT", or "signal N".
std::string StopSignalName(int signal);

}  // namespace gander
