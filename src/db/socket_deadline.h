// A client-side deadline for a blocking request on a socket, for client
// libraries that wait for a reply without any limit (libpq's PQexec polls
// with no timeout). Armed around a request; when the deadline passes first,
// the socket is shut down, so the library's wait returns at once with a lost
// connection, which the driver then reports as "no reply within ...".
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gander {

class SocketDeadline {
 public:
  SocketDeadline() = default;
  ~SocketDeadline();  // stops its thread (never blocked: it only waits and shuts down)
  SocketDeadline(const SocketDeadline&) = delete;
  SocketDeadline& operator=(const SocketDeadline&) = delete;

  // Shuts `fd` down (both directions) if Disarm() is not called within
  // `limit`. A zero limit or a negative fd arms nothing. The first call
  // starts the watching thread.
  void Arm(int fd, std::chrono::milliseconds limit);
  // Ends the watch; true if the deadline had passed and the socket was shut
  // down (the connection is then dead).
  bool Disarm();

 private:
  void Watch();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  bool stopping_ = false;
  bool armed_ = false;
  bool fired_ = false;
  int fd_ = -1;
  std::chrono::steady_clock::time_point deadline_;
};

// Arms `deadline` for one scope.
class ArmedDeadline {
 public:
  ArmedDeadline(SocketDeadline& deadline, int fd, std::chrono::milliseconds limit) : deadline_(deadline) {
    deadline_.Arm(fd, limit);
  }
  ~ArmedDeadline() { Disarm(); }
  // True if the deadline passed (the socket was shut down).
  bool Disarm() {
    if (!done_) fired_ = deadline_.Disarm();
    done_ = true;
    return fired_;
  }

 private:
  SocketDeadline& deadline_;
  bool done_ = false, fired_ = false;
};

}  // namespace gander
