// The relay's own tests (relay/relay.h), against an echo server on
// loopback: each mode strikes where its trigger says, and nowhere else.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include <doctest/doctest.h>

#include "relay/relay.h"

using namespace gander::test;
using namespace std::chrono_literals;

namespace {

// Echoes every byte back; remembers what it received and how many
// connections it saw.
class EchoServer {
 public:
  EchoServer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(fd_, 16) == 0);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Loop(); });
  }
  ~EchoServer() {
    shutdown(fd_, SHUT_RDWR);
    thread_.join();
    close(fd_);
  }
  int port() const { return port_; }
  std::string received() {
    std::lock_guard<std::mutex> lock(mu_);
    return received_;
  }
  int connections() {
    std::lock_guard<std::mutex> lock(mu_);
    return connections_;
  }

 private:
  void Loop() {
    std::vector<std::thread> sessions;
    while (true) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) break;
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++connections_;
      }
      sessions.emplace_back([this, c] {
        char buf[4096];
        ssize_t n;
        while ((n = recv(c, buf, sizeof buf, 0)) > 0) {
          {
            std::lock_guard<std::mutex> lock(mu_);
            received_.append(buf, static_cast<size_t>(n));
          }
          send(c, buf, static_cast<size_t>(n), MSG_NOSIGNAL);
        }
        close(c);
      });
    }
    for (std::thread& t : sessions) t.join();
  }
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::string received_;
  int connections_ = 0;
};

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// What the peer sends within `wait`: the bytes, "<closed>" at EOF, or ""
// when it stays silent.
std::string Reply(int fd, std::chrono::milliseconds wait) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(wait.count())) <= 0) return "";
  char buf[4096];
  ssize_t n = recv(fd, buf, sizeof buf, 0);
  return n <= 0 ? "<closed>" : std::string(buf, static_cast<size_t>(n));
}

std::string Ask(int fd, const std::string& text, std::chrono::milliseconds wait = 2s) {
  send(fd, text.data(), text.size(), MSG_NOSIGNAL);
  return Reply(fd, wait);
}

Fault At(FaultMode mode, const std::string& trigger, int occurrence = 1) {
  Fault f;
  f.mode = mode;
  f.trigger = trigger;
  f.occurrence = occurrence;
  return f;
}

}  // namespace

TEST_CASE("relay: pass mode forwards both ways and counts connections") {
  EchoServer echo;
  Relay relay(echo.port(), Fault{});
  int a = Connect(relay.port()), b = Connect(relay.port());
  CHECK(Ask(a, "hello") == "hello");
  CHECK(Ask(b, "world") == "world");
  CHECK(relay.connections() == 2);
  CHECK_FALSE(relay.fired());
  CHECK(relay.Transcript().find("c2> world") != std::string::npos);
  close(a);
  close(b);
}

TEST_CASE("relay: drop-before closes the connection instead of forwarding the trigger") {
  EchoServer echo;
  Relay relay(echo.port(), At(FaultMode::kDropBefore, "COMMIT"));
  int fd = Connect(relay.port());
  CHECK(Ask(fd, "BEGIN") == "BEGIN");
  CHECK(Ask(fd, "xx COMMIT xx") == "<closed>");
  CHECK(relay.fired());
  CHECK(echo.received() == "BEGIN");
  close(fd);
}

TEST_CASE("relay: drop-after forwards the trigger, then the client hears nothing but the close") {
  EchoServer echo;
  Relay relay(echo.port(), At(FaultMode::kDropAfter, "COMMIT"));
  int fd = Connect(relay.port());
  CHECK(Ask(fd, "COMMIT") == "<closed>");
  CHECK(echo.received() == "COMMIT");
  close(fd);
}

TEST_CASE("relay: freeze holds the trigger back and keeps the connection open") {
  EchoServer echo;
  Relay relay(echo.port(), At(FaultMode::kFreeze, "COMMIT"));
  int fd = Connect(relay.port());
  CHECK(Ask(fd, "one") == "one");
  CHECK(Ask(fd, "COMMIT", 300ms).empty());  // silent, not closed
  CHECK(Ask(fd, "more", 300ms).empty());
  CHECK(echo.received() == "one");
  close(fd);
  auto start = std::chrono::steady_clock::now();
  relay.Stop();  // frozen sockets do not keep it from stopping
  CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("relay: freeze-replies forwards the trigger and loses every reply from then on") {
  EchoServer echo;
  Relay relay(echo.port(), At(FaultMode::kFreezeReplies, "COMMIT"));
  int fd = Connect(relay.port());
  CHECK(Ask(fd, "COMMIT", 300ms).empty());
  CHECK(Ask(fd, "later", 300ms).empty());
  CHECK(echo.received() == "COMMITlater");
  close(fd);
}

TEST_CASE("relay: slow delays each chunk both ways from the trigger on") {
  EchoServer echo;
  Fault f = At(FaultMode::kSlow, "go");
  f.delay = 150ms;
  Relay relay(echo.port(), f);
  int fd = Connect(relay.port());
  auto start = std::chrono::steady_clock::now();
  CHECK(Ask(fd, "fast") == "fast");
  CHECK(std::chrono::steady_clock::now() - start < 150ms);
  start = std::chrono::steady_clock::now();
  CHECK(Ask(fd, "go") == "go");
  CHECK(std::chrono::steady_clock::now() - start >= 300ms);
  close(fd);
}

TEST_CASE("relay: black-hole accepts and never answers; the server sees no connection") {
  EchoServer echo;
  Fault f;
  f.mode = FaultMode::kBlackHole;
  Relay relay(echo.port(), f);
  int fd = Connect(relay.port());
  CHECK(Ask(fd, "anyone?", 300ms).empty());
  CHECK(relay.connections() == 1);
  CHECK(echo.connections() == 0);
  close(fd);
}

TEST_CASE("relay: triggers count occurrences across connections, split chunks and an `after` text") {
  EchoServer echo;
  SUBCASE("the second occurrence, over two connections") {
    Relay relay(echo.port(), At(FaultMode::kDropBefore, "LOCK", 2));
    int a = Connect(relay.port());
    CHECK(Ask(a, "LOCK") == "LOCK");
    int b = Connect(relay.port());
    CHECK(Ask(b, "LOCK") == "<closed>");
    close(a);
    close(b);
  }
  SUBCASE("a trigger split across two chunks") {
    Relay relay(echo.port(), At(FaultMode::kDropBefore, "COMMIT"));
    int fd = Connect(relay.port());
    CHECK(Ask(fd, "xCOM") == "xCOM");
    CHECK(Ask(fd, "MITx") == "<closed>");
    close(fd);
  }
  SUBCASE("only after another text, or in the same chunk after it") {
    Fault f = At(FaultMode::kDropBefore, "COMMIT");
    f.after = "VALUES (2,";
    Relay relay(echo.port(), f);
    int fd = Connect(relay.port());
    CHECK(Ask(fd, "VALUES (1, x); COMMIT") == "VALUES (1, x); COMMIT");
    CHECK(Ask(fd, "COMMIT VALUES (2, x); COMMIT") == "<closed>");
    close(fd);
  }
  SUBCASE("the connect phase: connection n is struck when accepted") {
    Fault f = At(FaultMode::kDropBefore, "", 2);
    Relay relay(echo.port(), f);
    int a = Connect(relay.port());
    CHECK(Ask(a, "one") == "one");
    int b = Connect(relay.port());
    CHECK(Reply(b, 2s) == "<closed>");
    close(a);
    close(b);
  }
}

TEST_CASE("relay: a fault that stays strikes every later connection") {
  EchoServer echo;
  Fault f = At(FaultMode::kDropBefore, "COMMIT");
  f.later_connections_too = true;
  Relay relay(echo.port(), f);
  int a = Connect(relay.port());
  CHECK(Ask(a, "COMMIT") == "<closed>");
  int b = Connect(relay.port());
  CHECK(Reply(b, 2s) == "<closed>");
  CHECK(relay.connections() == 2);
  close(a);
  close(b);
}

TEST_CASE("relay: DSN ports") {
  CHECK(DsnPort("postgres://u:p@127.0.0.1:5432/db?sslmode=disable") == 5432);
  CHECK(DsnPort("mysql://u:p:w@127.0.0.1:3306/db") == 3306);
  CHECK(DsnWithPort("postgres://u:p@127.0.0.1:5432/db?sslmode=disable", 7) ==
        "postgres://u:p@127.0.0.1:7/db?sslmode=disable");
  CHECK(DsnWithPort("mysql://u:p@127.0.0.1/db", 9) == "mysql://u:p@127.0.0.1:9/db");
}
