#include "app/in_flight_outcome.h"

namespace gander {
namespace {

InFlightVerdict Verdict(InFlightVerdict::Kind kind, int run_from, std::string why) {
  InFlightVerdict v;
  v.kind = kind;
  v.run_from = run_from;
  v.why = std::move(why);
  return v;
}

}  // namespace

InFlightVerdict DecideInFlight(const StepInfo& step, const AttemptSeen& seen, const DbVersions& versions,
                               const std::optional<DirtyState>& dirty) {
  using Kind = InFlightVerdict::Kind;
  bool up = step.direction == Direction::kUp;
  if (versions.IsApplied(step.version) == up) {
    return Verdict(Kind::kRecorded, 0,
            std::string("the tracking table shows it ") + (up ? "applied" : "rolled back") +
                ": the server committed it before the connection was lost");
  }
  if (!dirty) {
    if (seen.first_statement == 0) {
      return Verdict(Kind::kRunFrom, 0, "the server kept nothing of it (its transaction was rolled back)");
    }
    return Verdict(Kind::kDirty, 0, "its dirty marker is gone although the step had not been recorded");
  }
  const DirtyState& d = *dirty;
  if (d.version != step.version || d.direction != step.direction) {
    return Verdict(Kind::kDirty, 0, "the dirty marker names migration " + std::to_string(d.version) + " " +
                                 DirectionName(d.direction) + ", not this step");
  }
  std::string kept = "the dirty marker counts " + std::to_string(d.statements_done) + " of " +
                     std::to_string(d.statements_total) + " statements done";
  if (!d.in_flight) return Verdict(Kind::kRunFrom, d.statements_done, kept);
  int k = d.statements_done;  // in flight
  if (k < seen.first_statement + seen.acknowledged) {
    return Verdict(Kind::kRunFrom, k + 1, kept + " and statement " + std::to_string(k + 1) + " running, whose success "
                                   "reply had come");
  }
  if (k != seen.in_doubt) {
    return Verdict(Kind::kRunFrom, k, kept + "; statement " + std::to_string(k + 1) + " was never sent");
  }
  return Verdict(Kind::kDirty, k, kept + "; statement " + std::to_string(k + 1) +
                               " was running and its reply never came, so whether it took effect is unknown");
}

Status SettleInFlight(ChangeContext& ctx, const StepInfo& step, const AttemptSeen& seen, InFlightVerdict* out) {
  DbVersions versions;
  std::optional<DirtyState> dirty;
  GANDER_RETURN_IF_ERROR(ctx.session->ReadState(&versions, &dirty));
  *out = DecideInFlight(step, seen, versions, dirty);
  out->marker = dirty;
  return Status::OK();
}

}  // namespace gander
