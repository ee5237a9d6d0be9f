// A fault-injecting TCP relay on loopback, placed between gander and a real
// PostgreSQL or MariaDB server by the reliability suites (and by hand with
// the gander_relay program). It listens on a free 127.0.0.1 port, forwards
// every connection to the server, and injects one fault when the client's
// byte stream contains a trigger: the connection dropped before or after the
// message is forwarded, the traffic frozen with the sockets left open, or
// every chunk delayed. The protocols must be plaintext for the triggers to
// match: PostgreSQL with sslmode=disable, MariaDB without TLS/compression.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gander::test {

enum class FaultMode {
  kPass,           // forward everything unchanged
  kDropBefore,     // close both sides instead of forwarding the trigger message: the server never sees it
  kDropAfter,      // forward the trigger message, close the client's side at once, swallow the server's
                   // reply until it goes quiet, then close: the server ran it, the client never hears
                   // so (a lost acknowledgement)
  kFreeze,         // hold the trigger message back and forward nothing more either way, sockets open
                   // (a frozen proxy, a partition, a half-open TCP connection)
  kFreezeReplies,  // forward the trigger message; nothing from the server reaches the client any more
                   // (the server ran it, the reply is lost, the connection looks alive)
  kSlow,           // from the trigger message on, delay each chunk by `delay`, both ways
  kBlackHole,      // accept every connection and never answer (no server is contacted);
                   // fired() once a connection came
};

// Parses "pass", "drop-before", "drop-after", "freeze", "freeze-replies",
// "slow", "black-hole"; returns false on anything else.
bool ParseFaultMode(const std::string& name, FaultMode* mode);
const char* FaultModeName(FaultMode mode);

// One fault and where it strikes. Matches are counted over every connection,
// in the order the relay sees them.
struct Fault {
  FaultMode mode = FaultMode::kPass;
  // A byte substring of the client->server stream. Empty: the fault strikes
  // when connection number `occurrence` is accepted (the connect phase).
  std::string trigger;
  int occurrence = 1;  // the n-th match of `trigger` fires the fault
  // When set, `trigger` only counts once `after` has been seen (earlier in
  // the stream, or earlier in the same chunk): "the COMMIT after the record
  // of version 2".
  std::string after;
  std::chrono::milliseconds delay{100};  // kSlow: per chunk
  // Once fired, every new connection meets the same fault at once (dropped,
  // frozen or slowed): the network stays broken. Otherwise new connections
  // pass, as after a proxy restart.
  bool later_connections_too = false;
};

class Relay {
 public:
  // Starts listening on 127.0.0.1:<free port>, forwarding to
  // upstream_host:upstream_port (an IPv4 literal). Throws std::runtime_error
  // if it cannot listen.
  Relay(int upstream_port, Fault fault, const std::string& upstream_host = "127.0.0.1");
  ~Relay();  // Stop()
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  int port() const { return port_; }
  // Connections accepted so far.
  int connections() const;
  // Whether the fault has struck; waits up to `timeout` for it.
  bool fired() const;
  bool WaitFired(std::chrono::milliseconds timeout) const;
  // Every chunk clients sent, one line each ("c2> SELECT ..."), control
  // bytes shown as '.', for a failing case's message and for calibration.
  std::string Transcript() const;
  // Closes the listener and every connection (server sides included: a
  // frozen session's server backend then ends), joins every thread.
  // Idempotent.
  void Stop();

 private:
  struct Pipe;
  void AcceptLoop();
  void Serve(std::shared_ptr<Pipe> pipe);
  // Counts the trigger in a client chunk; true when this chunk fires it.
  bool Matches(Pipe& pipe, const std::string& chunk);
  void ForwardRest(Pipe& pipe, std::vector<char>* buf);
  void Fire();
  void Hold(int fd);                                      // kept open, unread, until Stop
  bool Delay(std::chrono::milliseconds how_long) const;  // false when stopping
  int Dial() const;

  const Fault fault_;
  const int upstream_port_;
  const std::string upstream_host_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};  // written once by Stop: every poll wakes

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  bool stopping_ = false;
  bool fired_ = false;
  bool after_seen_ = false;
  int matches_ = 0;
  int connections_ = 0;
  std::string transcript_;
  std::vector<int> held_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// The port of a server DSN (`scheme://user:pw@host:PORT/db?...`), 0 if none.
int DsnPort(const std::string& dsn);
// The same DSN with its port replaced: gander then talks to the relay.
std::string DsnWithPort(const std::string& dsn, int port);

}  // namespace gander::test
