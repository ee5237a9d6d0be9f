// One step of migration 1 run under the retry loop (app/retrying_runner.h),
// with its session open, locked, and the tracking table there.
#pragma once

#include "app/retrying_runner.h"
#include "engine_fixture.h"

namespace gander::test {

struct StepFixture : EngineFixture {
  explicit StepFixture(FakeEngine engine = FakeEngine::kSqlite) : EngineFixture(engine) {
    CreateTrackingTable();
    ChangeContext& c = NewContext();
    REQUIRE(BeginChange(c, DirtyPolicy::kAllow).ok());
    db.ClearCalls();
  }
  Status Run(const MigrationPart& part) {
    StepInfo step{1, Direction::kUp, "00001_a.sql", part.statements.size()};
    return RunWithRetries(*ctx, step, part, PartChecksums{}, &result, &attempts);
  }
  StepResult result;
  Attempts attempts;
};

}  // namespace gander::test
