#include "relay/relay.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace gander::test {
namespace {

constexpr size_t kTranscriptLine = 400;         // characters kept of each client chunk
constexpr size_t kTranscriptMax = 4u << 20;     // and of the whole transcript
constexpr auto kReplyQuiet = std::chrono::milliseconds(300);  // kDropAfter: the reply is complete
constexpr auto kClientQuiet = std::chrono::milliseconds(50);  // kDropAfter: the message is complete
constexpr auto kReplyWait = std::chrono::milliseconds(5000);  // kDropAfter: the server may be slow

void Close(int* fd) {
  if (*fd >= 0) close(*fd);
  *fd = -1;
}

void Tune(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A peer that stops reading must not wedge a relay thread for ever.
  timeval send_timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
}

bool SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// Waits until one of `fds` is ready, retrying on EINTR; the poll's result.
int PollAll(pollfd* fds, nfds_t count, int timeout_ms) {
  while (true) {
    int n = poll(fds, count, timeout_ms);
    if (n >= 0 || errno != EINTR) return n;
  }
}

std::string Printable(const std::string& chunk) {
  std::string out;
  for (char c : chunk.substr(0, kTranscriptLine)) out += (c >= 0x20 && c < 0x7f) ? c : '.';
  if (chunk.size() > kTranscriptLine) out += "... (" + std::to_string(chunk.size()) + " bytes)";
  return out;
}

// Where `needle` occurs in `hay` at or after `from`, ending past `fresh`
// (so a match inside the carried-over tail is not counted twice).
size_t FindFresh(const std::string& hay, const std::string& needle, size_t from, size_t fresh) {
  size_t earliest = fresh + 1 > needle.size() ? fresh + 1 - needle.size() : 0;
  return hay.find(needle, std::max(from, earliest));
}

}  // namespace

struct Relay::Pipe {
  int id = 0;
  int client = -1;
  int server = -1;
  bool slow = false;         // kSlow has struck: delay every chunk
  bool replies_lost = false;  // kFreezeReplies has struck: drop what the server says
  std::string tail;          // the end of the client's previous chunk, for triggers split across chunks
};

bool ParseFaultMode(const std::string& name, FaultMode* mode) {
  for (FaultMode m : {FaultMode::kPass, FaultMode::kDropBefore, FaultMode::kDropAfter, FaultMode::kFreeze,
                      FaultMode::kFreezeReplies, FaultMode::kSlow, FaultMode::kBlackHole}) {
    if (name == FaultModeName(m)) {
      *mode = m;
      return true;
    }
  }
  return false;
}

const char* FaultModeName(FaultMode mode) {
  switch (mode) {
    case FaultMode::kPass: return "pass";
    case FaultMode::kDropBefore: return "drop-before";
    case FaultMode::kDropAfter: return "drop-after";
    case FaultMode::kFreeze: return "freeze";
    case FaultMode::kFreezeReplies: return "freeze-replies";
    case FaultMode::kSlow: return "slow";
    case FaultMode::kBlackHole: return "black-hole";
  }
  return "?";
}

Relay::Relay(int upstream_port, Fault fault, const std::string& upstream_host)
    : fault_(std::move(fault)), upstream_port_(upstream_port), upstream_host_(upstream_host) {
  if (pipe2(wake_, O_CLOEXEC) != 0) throw std::runtime_error("relay: pipe failed");
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // the kernel picks a free port
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 64) != 0 || getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    Close(&listen_fd_);
    Close(&wake_[0]);
    Close(&wake_[1]);
    throw std::runtime_error("relay: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread(&Relay::AcceptLoop, this);
}

Relay::~Relay() { Stop(); }

int Relay::connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return connections_;
}

bool Relay::fired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return fired_;
}

bool Relay::WaitFired(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  return changed_.wait_for(lock, timeout, [this] { return fired_; });
}

std::string Relay::Transcript() const {
  std::lock_guard<std::mutex> lock(mu_);
  return transcript_;
}

void Relay::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  char byte = 1;
  while (write(wake_[1], &byte, 1) < 0 && errno == EINTR) {
  }
  acceptor_.join();  // no thread is added after this
  for (std::thread& t : threads_) t.join();
  Close(&listen_fd_);
  for (int& fd : held_) Close(&fd);
  Close(&wake_[0]);
  Close(&wake_[1]);
}

int Relay::Dial() const {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(upstream_port_));
  if (fd < 0 || inet_pton(AF_INET, upstream_host_.c_str(), &addr.sin_addr) != 1 ||
      connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Close(&fd);
    return -1;
  }
  Tune(fd);
  return fd;
}

void Relay::Hold(int fd) {
  std::lock_guard<std::mutex> lock(mu_);
  held_.push_back(fd);
}

void Relay::Fire() {
  fired_ = true;
  changed_.notify_all();
}

bool Relay::Delay(std::chrono::milliseconds how_long) const {
  pollfd wake{wake_[0], POLLIN, 0};
  return PollAll(&wake, 1, static_cast<int>(how_long.count())) == 0;
}

void Relay::AcceptLoop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (PollAll(fds, 2, -1) < 0 || fds[1].revents != 0) return;
    int client = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    Tune(client);
    auto pipe = std::make_shared<Pipe>();
    pipe->client = client;
    bool strike = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      pipe->id = ++connections_;
      if (fault_.mode == FaultMode::kBlackHole) {
        held_.push_back(client);
        Fire();
        continue;
      }
      if (fired_) {
        strike = fault_.later_connections_too;
      } else if (fault_.trigger.empty() && fault_.mode != FaultMode::kPass && pipe->id == fault_.occurrence) {
        strike = true;
        Fire();
      }
    }
    if (strike) {
      switch (fault_.mode) {
        case FaultMode::kDropBefore:
        case FaultMode::kDropAfter: Close(&pipe->client); continue;
        case FaultMode::kFreeze: Hold(client); continue;  // accepted, never answered
        case FaultMode::kFreezeReplies: pipe->replies_lost = true; break;
        case FaultMode::kSlow: pipe->slow = true; break;
        case FaultMode::kPass:
        case FaultMode::kBlackHole: break;
      }
    }
    pipe->server = Dial();
    if (pipe->server < 0) {
      Close(&pipe->client);  // the server is down: so is the relay, as a proxy would be
      continue;
    }
    std::lock_guard<std::mutex> lock(mu_);
    threads_.emplace_back(&Relay::Serve, this, pipe);
  }
}

bool Relay::Matches(Pipe& pipe, const std::string& chunk) {
  std::lock_guard<std::mutex> lock(mu_);
  if (transcript_.size() < kTranscriptMax) transcript_ += "c" + std::to_string(pipe.id) + "> " + Printable(chunk) + "\n";
  std::string hay = pipe.tail + chunk;
  size_t fresh = pipe.tail.size();
  size_t keep = std::max(fault_.trigger.size(), fault_.after.size());
  pipe.tail = keep > 1 && hay.size() >= keep - 1 ? hay.substr(hay.size() - (keep - 1)) : keep > 1 ? hay : "";
  if (fired_ || fault_.trigger.empty() || fault_.mode == FaultMode::kPass) return false;
  size_t from = 0;
  if (!fault_.after.empty() && !after_seen_) {
    size_t at = FindFresh(hay, fault_.after, 0, fresh);
    if (at == std::string::npos) return false;
    after_seen_ = true;
    from = at + fault_.after.size();
  }
  for (size_t at = FindFresh(hay, fault_.trigger, from, fresh); at != std::string::npos;
       at = hay.find(fault_.trigger, at + 1)) {
    if (++matches_ == fault_.occurrence) {
      Fire();
      return true;
    }
  }
  return false;
}

// A long message may come in several chunks (libpq flushes every 8 kB):
// what the client sends until it falls quiet is the rest of it.
void Relay::ForwardRest(Pipe& pipe, std::vector<char>* buf) {
  while (true) {
    pollfd wait[2] = {{pipe.client, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (PollAll(wait, 2, static_cast<int>(kClientQuiet.count())) <= 0 || wait[1].revents != 0) return;
    ssize_t n = recv(pipe.client, buf->data(), buf->size(), 0);
    if (n <= 0 || !SendAll(pipe.server, buf->data(), static_cast<size_t>(n))) return;
  }
}

void Relay::Serve(std::shared_ptr<Pipe> pipe) {
  std::vector<char> buf(1 << 16);
  while (true) {
    pollfd fds[3] = {{pipe->client, POLLIN, 0}, {pipe->server, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    if (PollAll(fds, 3, -1) < 0 || fds[2].revents != 0) break;
    if (fds[0].revents != 0) {
      ssize_t n = recv(pipe->client, buf.data(), buf.size(), 0);
      if (n <= 0) break;
      std::string chunk(buf.data(), static_cast<size_t>(n));
      if (Matches(*pipe, chunk)) {
        if (fault_.mode == FaultMode::kDropBefore) break;
        if (fault_.mode == FaultMode::kFreeze) {
          Hold(pipe->client);
          Hold(pipe->server);
          pipe->client = pipe->server = -1;
          return;
        }
        if (fault_.mode == FaultMode::kDropAfter) {
          SendAll(pipe->server, chunk.data(), chunk.size());
          ForwardRest(*pipe, &buf);
          Close(&pipe->client);
          // Keep the server's side open until its reply is complete, so that
          // it runs the whole message before it sees the client gone.
          bool heard = false;
          auto give_up = std::chrono::steady_clock::now() + kReplyWait;
          while (std::chrono::steady_clock::now() < give_up) {
            pollfd wait[2] = {{pipe->server, POLLIN, 0}, {wake_[0], POLLIN, 0}};
            int wait_ms = heard ? static_cast<int>(kReplyQuiet.count()) : 100;
            if (PollAll(wait, 2, wait_ms) < 0 || wait[1].revents != 0) break;
            if (wait[0].revents == 0) {
              if (heard) break;  // quiet since the last byte: the reply is complete
              continue;
            }
            if (recv(pipe->server, buf.data(), buf.size(), 0) <= 0) break;
            heard = true;
          }
          break;
        }
        if (fault_.mode == FaultMode::kFreezeReplies) pipe->replies_lost = true;
        if (fault_.mode == FaultMode::kSlow) pipe->slow = true;
      }
      if (pipe->slow && !Delay(fault_.delay)) break;
      if (!SendAll(pipe->server, chunk.data(), chunk.size())) break;
    }
    if (fds[1].revents != 0) {
      ssize_t n = recv(pipe->server, buf.data(), buf.size(), 0);
      if (n <= 0) break;
      if (pipe->replies_lost) continue;
      if (pipe->slow && !Delay(fault_.delay)) break;
      if (!SendAll(pipe->client, buf.data(), static_cast<size_t>(n))) break;
    }
  }
  Close(&pipe->client);
  Close(&pipe->server);
}

int DsnPort(const std::string& dsn) {
  size_t scheme = dsn.find("://");
  if (scheme == std::string::npos) return 0;
  size_t start = scheme + 3;
  size_t end = dsn.find_first_of("/?", start);
  std::string authority = dsn.substr(start, end == std::string::npos ? std::string::npos : end - start);
  std::string host = authority.substr(authority.rfind('@') == std::string::npos ? 0 : authority.rfind('@') + 1);
  size_t colon = host.rfind(':');
  return colon == std::string::npos ? 0 : std::atoi(host.c_str() + colon + 1);
}

std::string DsnWithPort(const std::string& dsn, int port) {
  size_t scheme = dsn.find("://");
  if (scheme == std::string::npos) return dsn;
  size_t start = scheme + 3;
  size_t end = dsn.find_first_of("/?", start);
  if (end == std::string::npos) end = dsn.size();
  size_t at = dsn.rfind('@', end);
  size_t host = at == std::string::npos || at < start ? start : at + 1;
  size_t colon = dsn.find(':', host);
  size_t host_end = colon == std::string::npos || colon > end ? end : colon;
  return dsn.substr(0, host_end) + ":" + std::to_string(port) + dsn.substr(end);
}

}  // namespace gander::test
