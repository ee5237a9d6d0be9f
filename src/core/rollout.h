// The order in which `gander fleet` starts targets, and when it stops
// starting them: a half-open probe first, then the canaries, then the rest,
// at most `parallel` at a time, under a circuit breaker. Pure: no threads,
// no clock; the runner asks TakeNext() and reports Finish().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

// closed: targets start. open: none start (the threshold was reached, or the
// previous run left it open and its probe failed). half-open: the previous
// run left it open; one probe target runs alone, closing it on success.
enum class Breaker { kClosed, kOpen, kHalfOpen };
const char* BreakerName(Breaker b);

struct RolloutPolicy {
  size_t parallel = 1;
  size_t canary = 0;                   // the first N targets run (and pass) before the rest
  std::optional<size_t> max_failures;  // open once this many targets failed
  std::optional<double> max_failure_rate;  // open once more than this % of all targets failed
  bool half_open = false;              // the previous run left the breaker open
  size_t probe = 0;                    // the target probed when half-open
};

enum class TargetOutcome { kPending, kRunning, kSucceeded, kFailed, kNotStarted };

class Rollout {
 public:
  // `names` name the targets in reasons; their order is the file's.
  Rollout(std::vector<std::string> names, RolloutPolicy policy);

  enum class Next { kStart, kWait, kDone };
  // kStart with *index: start that target now. kWait: a slot or an earlier
  // phase is busy; ask again after a Finish(). kDone: nothing more will start.
  Next TakeNext(size_t* index);
  void Finish(size_t index, bool succeeded);
  // Starts nothing more (an interrupt); running targets finish.
  void Stop(const std::string& why);

  Breaker breaker() const { return breaker_; }
  // Why targets were left unstarted ("" if none were).
  const std::string& stop_reason() const { return stop_reason_; }
  TargetOutcome outcome(size_t index) const { return outcomes_[index]; }
  size_t parallel() const { return policy_.parallel; }
  size_t running() const { return running_; }
  size_t finished() const { return succeeded_ + failed_; }
  size_t failed() const { return failed_; }
  // Marks every target never started as kNotStarted (after the run).
  void Close();

 private:
  bool PhaseOpen(size_t position) const;
  void StopStarting(const std::string& why, bool open_breaker);

  std::vector<std::string> names_;
  RolloutPolicy policy_;
  std::vector<size_t> order_;        // targets in start order
  std::vector<size_t> phase_end_;    // order_ positions where the probe / canary phases end
  std::vector<TargetOutcome> outcomes_;
  std::vector<size_t> position_;     // target -> position in order_
  size_t next_ = 0;
  size_t running_ = 0, succeeded_ = 0, failed_ = 0;
  Breaker breaker_;
  bool stopped_ = false;
  std::string stop_reason_;
};

// The breaker state a run leaves for the next one (the fleet state file).
struct BreakerRecord {
  Breaker breaker = Breaker::kClosed;
  std::string command;               // the fleet command that left it
  std::string at;                    // UTC time
  std::vector<std::string> failed;   // targets that failed, the first is probed next
  std::string reason;
};
std::string SerializeBreakerRecord(const BreakerRecord& record);
Status ParseBreakerRecord(const std::string& text, BreakerRecord* out);

}  // namespace gander
