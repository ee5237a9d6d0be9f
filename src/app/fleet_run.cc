#include "app/fleet_run.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace gander {

void RunRollout(Rollout& rollout, const std::function<bool(size_t)>& run_one,
                const std::function<void(const Rollout&, size_t index, bool finished)>& changed,
                const std::atomic<bool>& stop) {
  std::mutex mutex;
  std::condition_variable wake;
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      if (stop) rollout.Stop("interrupted: no new target was started after the signal");
      size_t index = 0;
      Rollout::Next next = rollout.TakeNext(&index);
      if (next == Rollout::Next::kDone) break;
      if (next == Rollout::Next::kWait) {
        // Woken by a finish; the timeout only notices `stop`.
        wake.wait_for(lock, std::chrono::milliseconds(200));
        continue;
      }
      changed(rollout, index, false);
      lock.unlock();
      bool ok = run_one(index);
      lock.lock();
      rollout.Finish(index, ok);
      changed(rollout, index, true);
      wake.notify_all();
    }
    wake.notify_all();
  };
  std::vector<std::thread> workers;
  for (size_t i = 0; i < rollout.parallel(); ++i) workers.emplace_back(worker);
  for (std::thread& t : workers) t.join();
  rollout.Close();
}

}  // namespace gander
