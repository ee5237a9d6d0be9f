#include "reliability/timed_run.h"

#include <sys/wait.h>

#include <thread>

namespace gander::test {

TimedResult WaitWithDeadline(GanderProcess& process, std::chrono::milliseconds deadline) {
  TimedResult result;
  auto start = std::chrono::steady_clock::now();
  while (true) {
    // WNOWAIT: look without reaping, so that Wait() below still collects it.
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(process.pid()), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid != 0) {
      result.signaled = info.si_code != CLD_EXITED;
      break;
    }
    if (std::chrono::steady_clock::now() - start >= deadline) {
      result.hang = true;
      process.Kill();
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  result.run = process.Wait();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (result.hang) result.signaled = true;
  return result;
}

TimedResult RunWithDeadline(const std::vector<std::string>& args, std::chrono::milliseconds deadline,
                            const std::map<std::string, std::string>& env) {
  GanderProcess process(args, env);
  return WaitWithDeadline(process, deadline);
}

std::string LastLine(const std::string& text) {
  size_t end = text.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace gander::test
