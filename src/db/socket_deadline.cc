#include "db/socket_deadline.h"

#include <sys/socket.h>

namespace gander {

SocketDeadline::~SocketDeadline() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SocketDeadline::Arm(int fd, std::chrono::milliseconds limit) {
  if (fd < 0 || limit.count() <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  fd_ = fd;
  deadline_ = std::chrono::steady_clock::now() + limit;
  armed_ = true;
  fired_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { Watch(); });
  wake_.notify_all();
}

bool SocketDeadline::Disarm() {
  std::lock_guard<std::mutex> lock(mutex_);
  armed_ = false;
  bool fired = fired_;
  fired_ = false;
  return fired;
}

void SocketDeadline::Watch() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (!armed_) {
      wake_.wait(lock);
      continue;
    }
    if (wake_.wait_until(lock, deadline_) == std::cv_status::timeout && armed_ &&
        std::chrono::steady_clock::now() >= deadline_) {
      // Under the lock: Disarm() cannot return, and the fd cannot be closed
      // by its owner, while it is being shut down.
      shutdown(fd_, SHUT_RDWR);
      fired_ = true;
      armed_ = false;
    }
  }
}

}  // namespace gander
