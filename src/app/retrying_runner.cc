#include "app/retrying_runner.h"

#include <functional>

#include "app/in_flight_outcome.h"
#include "app/stop_signals.h"

namespace gander {
namespace {

// How a user learns what the server kept when gander could not find out.
const char* const kUnknownAdvice =
    "whether it took effect is unknown: run `status` (it reads what the server kept) before running anything again";

using Enter = std::function<void(AttemptState)>;

// The end of a step whose lost reply was settled as recorded (succeeded) or
// dirty (failed): what the user is told. `st` is the attempt's error.
Status Conclude(ChangeContext& ctx, const StepInfo& step, const MigrationPart& part, int first,
                const InFlightVerdict& verdict, Status st, StepResult* result, const Enter& enter) {
  std::string name = "migration " + std::to_string(step.version) + " " + DirectionName(step.direction);
  if (verdict.kind == InFlightVerdict::Kind::kRecorded) {
    ctx.reporter.Notice(name + ": the connection was lost before the server's reply; " + verdict.why +
                        "; counted as done, not run again");
    result->statements_run = static_cast<int>(part.statements.size()) - first;
    enter(AttemptState::kSucceeded);
    return Status::OK();
  }
  result->left_dirty = true;
  enter(AttemptState::kFailed);
  return st.Append("the connection was lost; on a new connection " + verdict.why +
                   (verdict.marker ? "; " + DirtyRefusal(ctx.options.command_prefix, *verdict.marker).message() : ""));
}

// No retry is left (or gander was asked to stop) after a lost reply: one new
// connection still reads what the server kept (a read, not a retry), so that
// a committed step counts as done and a partial one is dirty with its event.
Status SettleWithoutRetry(ChangeContext& ctx, const StepInfo& step, const MigrationPart& part, const AttemptSeen& seen,
                          Status st, const std::string& why_not, StepResult* result, const Enter& enter) {
  Status back = ctx.session->Alive() ? Status::OK() : ctx.session->Reconnect(ctx.options.lock_timeout);
  InFlightVerdict verdict;
  if (back.ok()) back = SettleInFlight(ctx, step, seen, &verdict);
  if (!back.ok()) {
    enter(AttemptState::kFailed);
    return st.Append(kUnknownAdvice);
  }
  if (verdict.kind != InFlightVerdict::Kind::kRunFrom) {
    return Conclude(ctx, step, part, seen.first_statement, verdict, st, result, enter);
  }
  enter(AttemptState::kFailed);
  if (verdict.run_from > 0 && verdict.marker) {
    // Part of it is kept: the marker says exactly how much, none in flight.
    DirtyState exact = *verdict.marker;
    exact.statements_done = verdict.run_from;
    exact.in_flight = false;
    exact.error = st.ToString();
    result->left_dirty = true;
    Status marked = ctx.session->store().WriteDirty(exact);
    if (!marked.ok()) st.Append("recording the failure in the dirty marker failed too: " + marked.message());
  }
  return st.Append("the connection was lost; on a new connection " + verdict.why + "; " + why_not);
}

}  // namespace

Status RunWithRetries(ChangeContext& ctx, const StepInfo& step, const MigrationPart& part, const PartChecksums& sums,
                      StepResult* result, Attempts* attempts) {
  const RetryPolicy& policy = ctx.options.retry;
  Enter enter = [&](AttemptState state) {
    ctx.reporter.AttemptChanged(step, state, attempts->retries + 1);
    attempts->states.push_back(state);
  };
  std::string name = "migration " + std::to_string(step.version) + " " + DirectionName(step.direction);
  int first = 0;  // where the next attempt starts: past what the server is known to have kept
  enter(AttemptState::kPending);
  while (true) {
    enter(AttemptState::kExecuting);
    Migrator migrator(ctx.env, &ctx.session->conn(), StoreOf(ctx));
    PrepareMigrator(ctx, sums, &migrator);
    Status st = migrator.Run(step.version, step.file, step.direction, part, first, result);
    // A lost reply: the server may have kept any part of the attempt. It is
    // settled from the server's own state on a new connection, never guessed.
    bool unknown = !st.ok() && st.outcome_unknown();
    AttemptSeen seen{first, result->statements_run, result->in_doubt};
    if (unknown && StoreOf(ctx) == nullptr) {
      enter(AttemptState::kFailed);
      return st.Append(std::string(kUnknownAdvice) + " (-no-versioning keeps no record gander could check)");
    }
    AttemptState next = NextState(policy, attempts->retries, st, unknown || !result->left_dirty);
    if (next != AttemptState::kRetrying) {
      if (unknown) return SettleWithoutRetry(ctx, step, part, seen, st, "not run again: no retry left (--max-retries)",
                                             result, enter);
      enter(next);
      return st;
    }
    if (int signal = ctx.env.StopSignal()) {  // asked to stop: no retry
      std::string stopped = "not run again: stopped by " + StopSignalName(signal);
      if (unknown) return SettleWithoutRetry(ctx, step, part, seen, st, stopped, result, enter);
      enter(AttemptState::kFailed);
      return st.Prepend(name + " " + stopped);
    }
    // Wait, and while the connection is lost (a server restarting), keep
    // re-opening it under the same retry budget.
    Status cause = st;
    while (true) {
      ++attempts->retries;
      enter(AttemptState::kRetrying);
      auto delay = RetryDelay(policy, attempts->retries, ctx.env.RandomUnit());
      ctx.reporter.Retrying(step, attempts->retries, policy.max_retries, delay, cause);
      ctx.env.SleepFor(delay);
      if (ctx.session->Alive()) break;
      cause = ctx.session->Reconnect(ctx.options.lock_timeout);
      if (cause.ok()) {
        GANDER_RETURN_IF_ERROR(ApplyStatementTimeout(ctx));
        break;
      }
      if (NextState(policy, attempts->retries, cause, true) != AttemptState::kRetrying) {
        enter(AttemptState::kFailed);
        cause.Prepend(name + ": reconnecting after a lost connection");
        return unknown ? cause.Append(std::string("the migration's last request had no reply; ") + kUnknownAdvice)
                       : cause;
      }
    }
    if (!unknown) continue;
    // Locked again on a new connection: what did the server keep?
    InFlightVerdict verdict;
    Status read = SettleInFlight(ctx, step, seen, &verdict);
    if (!read.ok()) {
      enter(AttemptState::kFailed);
      return read.Prepend(name + ": reading the tracking table after a lost connection").Append(kUnknownAdvice);
    }
    if (verdict.kind != InFlightVerdict::Kind::kRunFrom) return Conclude(ctx, step, part, first, verdict, st, result, enter);
    if (verdict.run_from > 0) {
      ctx.reporter.Notice(name + ": the connection was lost; " + verdict.why + "; continuing from statement " +
                          std::to_string(verdict.run_from + 1));
    }
    first = verdict.run_from;
  }
}

}  // namespace gander
