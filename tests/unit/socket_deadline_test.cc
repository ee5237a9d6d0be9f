#include "db/socket_deadline.h"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace gander;
using Clock = std::chrono::steady_clock;

namespace {

struct Pair {
  int fd[2] = {-1, -1};
  Pair() { REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fd) == 0); }
  ~Pair() {
    close(fd[0]);
    close(fd[1]);
  }
};

}  // namespace

TEST_CASE("a read that gets no reply is ended at the deadline; the socket is then shut down") {
  Pair p;
  SocketDeadline deadline;
  auto start = Clock::now();
  deadline.Arm(p.fd[0], std::chrono::milliseconds(150));
  char c;
  ssize_t n = recv(p.fd[0], &c, 1, 0);  // the peer never writes
  auto waited = Clock::now() - start;
  CHECK(n == 0);  // shut down: end of file
  CHECK(deadline.Disarm());
  CHECK(waited >= std::chrono::milliseconds(140));
  CHECK(waited < std::chrono::seconds(3));
}

TEST_CASE("a reply in time disarms the deadline and leaves the socket usable") {
  Pair p;
  SocketDeadline deadline;
  for (int i = 0; i < 3; ++i) {
    deadline.Arm(p.fd[0], std::chrono::milliseconds(2000));
    REQUIRE(write(p.fd[1], "x", 1) == 1);
    char c;
    CHECK(recv(p.fd[0], &c, 1, 0) == 1);
    CHECK_FALSE(deadline.Disarm());
  }
  usleep(100 * 1000);
  CHECK(write(p.fd[0], "y", 1) == 1);  // not shut down
  ArmedDeadline none(deadline, p.fd[0], std::chrono::milliseconds(0));  // zero: nothing armed
  CHECK_FALSE(none.Disarm());
}
