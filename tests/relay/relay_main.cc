// gander_relay: the reliability suites' fault-injecting relay as a program,
// for reproducing a case by hand (tests/reliability/README.md):
//
//   gander_relay --to 5432 --mode drop-after --trigger COMMIT --after 'VALUES (2,'
//   gander postgres 'postgres://u:pw@127.0.0.1:PRINTED_PORT/db?sslmode=disable' up
//
// Runs until SIGINT or SIGTERM, then prints how many connections it relayed
// (and, with --transcript, every chunk the clients sent).
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "relay/relay.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: gander_relay --to [HOST:]PORT [--mode MODE] [--trigger TEXT] [--after TEXT]\n"
               "                    [--occurrence N] [--delay-ms N] [--later] [--transcript]\n"
               "MODE: pass, drop-before, drop-after, freeze, freeze-replies, slow, black-hole\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using gander::test::Fault;
  Fault fault;
  std::string host = "127.0.0.1";
  int port = 0;
  bool transcript = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--later") {
      fault.later_connections_too = true;
    } else if (arg == "--transcript") {
      transcript = true;
    } else if (!has_value) {
      return Usage();
    } else if (arg == "--to") {
      std::string to = argv[++i];
      size_t colon = to.rfind(':');
      if (colon != std::string::npos) host = to.substr(0, colon);
      port = std::atoi(to.c_str() + (colon == std::string::npos ? 0 : colon + 1));
    } else if (arg == "--mode") {
      if (!gander::test::ParseFaultMode(argv[++i], &fault.mode)) return Usage();
    } else if (arg == "--trigger") {
      fault.trigger = argv[++i];
    } else if (arg == "--after") {
      fault.after = argv[++i];
    } else if (arg == "--occurrence") {
      fault.occurrence = std::atoi(argv[++i]);
    } else if (arg == "--delay-ms") {
      fault.delay = std::chrono::milliseconds(std::atoi(argv[++i]));
    } else {
      return Usage();
    }
  }
  if (port <= 0) return Usage();
  // The relay's threads inherit the mask: only sigwait below sees the signals.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  try {
    gander::test::Relay relay(port, fault, host);
    std::printf("gander_relay: 127.0.0.1:%d -> %s:%d, %s", relay.port(), host.c_str(), port,
                gander::test::FaultModeName(fault.mode));
    if (!fault.trigger.empty()) std::printf(" at \"%s\" #%d", fault.trigger.c_str(), fault.occurrence);
    std::printf("\n");
    std::fflush(stdout);
    bool told = false;
    timespec tick{0, 200 * 1000 * 1000};
    while (sigtimedwait(&stop, nullptr, &tick) < 0) {
      if (!told && relay.fired()) {
        std::printf("gander_relay: fault struck (connection %d)\n", relay.connections());
        std::fflush(stdout);
        told = true;
      }
    }
    relay.Stop();
    std::printf("gander_relay: %d connection(s), fault %s\n", relay.connections(),
                relay.fired() ? "struck" : "never struck");
    if (transcript) std::fputs(relay.Transcript().c_str(), stdout);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gander_relay: %s\n", e.what());
    return 1;
  }
  return 0;
}
