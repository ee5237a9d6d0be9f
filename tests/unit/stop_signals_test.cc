// The stop handlers: the first SIGTERM / SIGINT is only recorded, the second
// ends the process at once with 128 + the signal. Signals are raised in a
// forked child so that this test binary's own state stays untouched.
#include "app/stop_signals.h"

#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gander;

namespace {

// Runs `child` in a forked process and returns its wait status.
template <typename F>
int InChild(F child) {
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) _exit(child());
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return status;
}

}  // namespace

TEST_CASE("StopSignalName names the two stop signals, and any other by number") {
  CHECK(StopSignalName(SIGTERM) == "SIGTERM");
  CHECK(StopSignalName(SIGINT) == "SIGINT");
  CHECK(StopSignalName(SIGKILL) == "signal 9");
}

TEST_CASE("the first stop signal is recorded and the process goes on; the second ends it with 128 + signal") {
  int status = InChild([] {
    InstallStopHandlers();
    InstallStopHandlers();  // a second call changes nothing
    if (StopSignalReceived() != 0) return 10;
    raise(SIGTERM);
    if (StopSignalReceived() != SIGTERM) return 11;
    struct sigaction now {};
    sigaction(SIGINT, nullptr, &now);
    // System calls interrupted by the signal resume: client libraries wait on sockets.
    if ((now.sa_flags & SA_RESTART) == 0) return 12;
    raise(SIGINT);  // the second: at once
    return 13;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 128 + SIGINT);
}

TEST_CASE("Ctrl-C first: SIGINT is the signal recorded") {
  int status = InChild([] {
    InstallStopHandlers();
    raise(SIGINT);
    return StopSignalReceived() == SIGINT ? 0 : 1;
  });
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
