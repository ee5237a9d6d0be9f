#include "core/rollout.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace gander {

const char* BreakerName(Breaker b) {
  switch (b) {
    case Breaker::kClosed: return "closed";
    case Breaker::kOpen: return "open";
    case Breaker::kHalfOpen: return "half-open";
  }
  return "closed";
}

Rollout::Rollout(std::vector<std::string> names, RolloutPolicy policy)
    : names_(std::move(names)), policy_(policy), outcomes_(names_.size(), TargetOutcome::kPending),
      position_(names_.size()), breaker_(policy.half_open ? Breaker::kHalfOpen : Breaker::kClosed) {
  if (policy_.parallel == 0) policy_.parallel = 1;
  bool probing = policy_.half_open && policy_.probe < names_.size();
  if (probing) order_.push_back(policy_.probe);
  for (size_t i = 0; i < names_.size(); ++i) {
    if (!probing || i != policy_.probe) order_.push_back(i);
  }
  for (size_t pos = 0; pos < order_.size(); ++pos) position_[order_[pos]] = pos;
  // Each phase must finish, every target in it succeeding, before the next starts.
  size_t end = 0;
  if (probing) phase_end_.push_back(end = 1);
  if (policy_.canary > 0 && end + policy_.canary < order_.size()) phase_end_.push_back(end + policy_.canary);
}

bool Rollout::PhaseOpen(size_t position) const {
  for (size_t end : phase_end_) {
    if (position < end) return true;
    for (size_t pos = 0; pos < end; ++pos) {
      if (outcomes_[order_[pos]] != TargetOutcome::kSucceeded) return false;
    }
  }
  return true;
}

Rollout::Next Rollout::TakeNext(size_t* index) {
  if (stopped_ || breaker_ == Breaker::kOpen || next_ >= order_.size()) return Next::kDone;
  if (running_ >= policy_.parallel || !PhaseOpen(next_)) return Next::kWait;
  *index = order_[next_++];
  outcomes_[*index] = TargetOutcome::kRunning;
  ++running_;
  return Next::kStart;
}

void Rollout::Finish(size_t index, bool succeeded) {
  --running_;
  outcomes_[index] = succeeded ? TargetOutcome::kSucceeded : TargetOutcome::kFailed;
  size_t pos = position_[index];
  bool is_probe = breaker_ == Breaker::kHalfOpen && pos == 0;
  if (succeeded) {
    ++succeeded_;
    if (is_probe) breaker_ = Breaker::kClosed;
    return;
  }
  ++failed_;
  const std::string& name = names_[index];
  if (is_probe) {
    StopStarting("the half-open probe \"" + name + "\" failed again, so the circuit breaker stays open", true);
    return;
  }
  size_t canary_start = policy_.half_open ? 1 : 0;
  if (policy_.canary > 0 && pos >= canary_start && pos < canary_start + policy_.canary) {
    StopStarting("canary \"" + name + "\" failed, so no further target was started", false);
    return;
  }
  if (policy_.max_failures && failed_ >= *policy_.max_failures) {
    StopStarting("the circuit breaker opened: " + std::to_string(failed_) + " targets failed (--max-failures " +
                     std::to_string(*policy_.max_failures) + ")",
                 true);
    return;
  }
  double percent = 100.0 * static_cast<double>(failed_) / static_cast<double>(names_.size());
  if (policy_.max_failure_rate && percent > *policy_.max_failure_rate) {
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.4g", *policy_.max_failure_rate);
    StopStarting("the circuit breaker opened: " + std::to_string(failed_) + " of " +
                     std::to_string(names_.size()) + " targets failed, over --max-failure-rate " + rate + "%",
                 true);
  }
}

void Rollout::Stop(const std::string& why) { StopStarting(why, false); }

void Rollout::StopStarting(const std::string& why, bool open_breaker) {
  if (open_breaker) breaker_ = Breaker::kOpen;
  if (stopped_) return;
  stopped_ = true;
  stop_reason_ = why;
}

void Rollout::Close() {
  for (TargetOutcome& o : outcomes_) {
    if (o == TargetOutcome::kPending) o = TargetOutcome::kNotStarted;
  }
}

std::string SerializeBreakerRecord(const BreakerRecord& record) {
  nlohmann::json j = {{"breaker", BreakerName(record.breaker)},
                      {"command", record.command},
                      {"at", record.at},
                      {"failed", record.failed},
                      {"reason", record.reason}};
  return j.dump(2) + "\n";
}

Status ParseBreakerRecord(const std::string& text, BreakerRecord* out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("breaker") || !j["breaker"].is_string()) {
    return Status::Invalid("not a fleet state file (expected {\"breaker\": ...})");
  }
  *out = BreakerRecord();
  std::string breaker = j["breaker"].get<std::string>();
  if (breaker == "open" || breaker == "half-open") {
    out->breaker = Breaker::kOpen;
  } else if (breaker != "closed") {
    return Status::Invalid("unknown breaker state \"" + breaker + "\"");
  }
  if (j.contains("command") && j["command"].is_string()) out->command = j["command"].get<std::string>();
  if (j.contains("at") && j["at"].is_string()) out->at = j["at"].get<std::string>();
  if (j.contains("reason") && j["reason"].is_string()) out->reason = j["reason"].get<std::string>();
  if (j.contains("failed") && j["failed"].is_array()) {
    for (const auto& name : j["failed"]) {
      if (name.is_string()) out->failed.push_back(name.get<std::string>());
    }
  }
  return Status::OK();
}

}  // namespace gander
