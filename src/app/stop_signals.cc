#include "app/stop_signals.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace gander {
namespace {

volatile sig_atomic_t g_stop_signal = 0;
std::atomic<bool> g_installed{false};

extern "C" void OnStopSignal(int signal) {
  if (g_stop_signal != 0) _exit(128 + signal);  // the second one: at once
  g_stop_signal = signal;
}

}  // namespace

void InstallStopHandlers() {
  if (g_installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_handler = OnStopSignal;
  sigemptyset(&action.sa_mask);
  // Interrupted system calls resume: the client libraries wait on sockets
  // and must not take a signal for a broken connection.
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

int StopSignalReceived() { return g_stop_signal; }

std::string StopSignalName(int signal) {
  if (signal == SIGTERM) return "SIGTERM";
  if (signal == SIGINT) return "SIGINT";
  return "signal " + std::to_string(signal);
}

}  // namespace gander
