// The engine under test: a FakeDatabase, a MemEnv holding the migrations
// folder "m", a Reporter that records what the engine said, and the
// ChangeContext of one command built from them.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "app/change_context.h"
#include "app/engine.h"
#include "app/mem_env.h"
#include "fake_connection.h"

namespace gander::test {

// Everything the engine reports, one line per event:
//   "notice: ...", "detail: ...", "start: up 1", "state: up 1 executing 1",
//   "retry: up 1 #1/5 100ms: cause", "done: up 1 ok", "applied: 2 steps".
class RecordingReporter : public Reporter {
 public:
  void Notice(const std::string& text) override { log.push_back("notice: " + text); }
  void Detail(const std::string& text) override { log.push_back("detail: " + text); }
  void StepStarted(const StepInfo& s) override { log.push_back("start: " + Name(s)); }
  void AttemptChanged(const StepInfo& s, AttemptState state, int attempt) override {
    log.push_back("state: " + Name(s) + " " + AttemptStateName(state) + " " + std::to_string(attempt));
  }
  void Retrying(const StepInfo& s, int retry, int max, std::chrono::milliseconds delay, const Status& cause) override {
    log.push_back("retry: " + Name(s) + " #" + std::to_string(retry) + "/" + std::to_string(max) + " " +
                  std::to_string(delay.count()) + "ms: " + cause.message());
  }
  void StepDone(const StepReport& r) override {
    const char* outcome = r.outcome == StepOutcome::kOk ? "ok" : r.outcome == StepOutcome::kDirty ? "dirty" : "failed";
    log.push_back("done: " + Name(r.step) + " " + outcome);
    done.push_back(r);
  }
  void PlanApplied(const Plan& plan) override { log.push_back("applied: " + std::to_string(plan.steps.size()) + " steps"); }

  // The lines starting with `prefix`.
  std::vector<std::string> Lines(const std::string& prefix) const {
    std::vector<std::string> lines;
    for (const std::string& l : log) {
      if (l.rfind(prefix, 0) == 0) lines.push_back(l);
    }
    return lines;
  }

  std::vector<std::string> log;
  std::vector<StepReport> done;

 private:
  static std::string Name(const StepInfo& s) { return std::string(DirectionName(s.direction)) + " " + std::to_string(s.version); }
};

struct EngineFixture {
  explicit EngineFixture(FakeEngine engine = FakeEngine::kSqlite) : db(engine) {
    env.AddFolder("m");
    options.dir = "m";
    options.command_prefix = "gander -dir m sqlite3 'test.db'";
    options.lock_timeout = std::chrono::milliseconds(0);
    options.audit = {"up", {"-dir", "m", "sqlite3", "test.db", "up"}, "test.db", "goose_db_version",
                     "m/.gander/snapshots", ""};
  }

  // goose's tracking table, as a database that was migrated before has it.
  void CreateTrackingTable() {
    std::unique_ptr<Connection> conn = db.Connect();
    REQUIRE(VersionStore(conn.get(), options.table).EnsureVersionTable().ok());
    db.ClearCalls();
  }

  // A migration file in the folder "m".
  void File(const std::string& name, const std::string& text) { env.AddFile("m/" + name, text); }
  // Migrations 1, 2, ... creating (and dropping) one table each, named as given.
  void TableMigrations(const std::vector<std::string>& tables) {
    for (size_t i = 0; i < tables.size(); ++i) {
      const std::string& t = tables[i];
      File("0000" + std::to_string(i + 1) + "_" + t + ".sql",
           "-- +goose Up\nCREATE TABLE " + t + " (id INTEGER);\n-- +goose Down\nDROP TABLE " + t + ";\n");
    }
  }

  // A fresh context for the next command (the previous one's session ends).
  ChangeContext& NewContext() {
    ctx.reset();
    reporter = RecordingReporter();
    ctx = std::make_unique<ChangeContext>(env, reporter, db.Factory(), options);
    return *ctx;
  }

  // A migration command as the CLI runs it (confirmed): begin, plan,
  // pre-flight, run with its audit trail.
  Status Migrate(PlanKind kind, int64_t target = -1, size_t steps = 1) {
    ChangeContext& c = NewContext();
    PlanRequest request;
    request.kind = kind;
    request.target = kind == PlanKind::kUpTo || kind == PlanKind::kDownTo ? target : kind == PlanKind::kUp ? kLatest : -1;
    request.steps = steps;
    Plan plan;
    std::vector<ParsedMigration> parsed;
    Status st = BeginChange(c, DirtyPolicy::kRefuse);
    if (st.ok()) st = PlanChange(c, request, &plan);
    if (st.ok()) st = RefuseEmptyPlan(c, request, plan);
    if (st.ok() && plan.steps.empty()) return st;
    if (st.ok()) st = PrepareRun(c, plan, false, &parsed);
    if (st.ok()) st = RunChange(c, plan, parsed);
    return st;
  }

  FakeDatabase db;
  MemEnv env;
  RecordingReporter reporter;
  EngineOptions options;
  std::unique_ptr<ChangeContext> ctx;
};

}  // namespace gander::test
