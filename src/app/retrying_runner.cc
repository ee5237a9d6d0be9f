#include "app/retrying_runner.h"

namespace gander {

Status RunWithRetries(ChangeContext& ctx, const StepInfo& step, const MigrationPart& part, const PartChecksums& sums,
                      StepResult* result, Attempts* attempts) {
  const RetryPolicy& policy = ctx.options.retry;
  auto enter = [&](AttemptState state) {
    ctx.reporter.AttemptChanged(step, state, attempts->retries + 1);
    attempts->states.push_back(state);
  };
  std::string name = "migration " + std::to_string(step.version) + " " + DirectionName(step.direction);
  enter(AttemptState::kPending);
  while (true) {
    enter(AttemptState::kExecuting);
    Migrator migrator(ctx.env, &ctx.session->conn(), StoreOf(ctx));
    PrepareMigrator(ctx, sums, &migrator);
    Status st = migrator.Run(step.version, step.file, step.direction, part, 0, result);
    AttemptState next = NextState(policy, attempts->retries, st, !result->left_dirty);
    if (next != AttemptState::kRetrying) {
      enter(next);
      return st;
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
        return cause.Prepend(name + ": reconnecting after a lost connection");
      }
    }
  }
}

}  // namespace gander
