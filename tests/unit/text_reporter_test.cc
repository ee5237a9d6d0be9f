#include "cli/text_reporter.h"

#include <doctest/doctest.h>

#include <cstdio>

using namespace gander;

namespace {

// What an Output wrote to a stream.
std::string Contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  return text;
}

StepReport Done(int64_t version, const std::string& file, double seconds) {
  StepReport r;
  r.step = {version, Direction::kUp, file, 1};
  r.result.statements_run = 1;
  r.result.seconds = seconds;
  r.states = {AttemptState::kPending, AttemptState::kExecuting, AttemptState::kSucceeded};
  return r;
}

}  // namespace

TEST_CASE("text: a line per step done, -v details and retries on stderr, the summary after several steps") {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  Output output(false, true, out, err);
  TextReporter reporter(output, "up");
  StepInfo step{2, Direction::kUp, "00002_b.sql", 3};
  reporter.StepStarted(step);
  reporter.AttemptChanged(step, AttemptState::kExecuting, 1);
  reporter.Retrying(step, 1, 5, std::chrono::milliseconds(97), Status::Failed("deadlock detected"));
  reporter.StepDone(Done(1, "00001_a.sql", 0.0123));
  reporter.StepDone(Done(2, "00002_b.sql", 0.0456));
  Plan plan;
  plan.steps.resize(2);
  reporter.PlanApplied(plan);
  CHECK(Contents(out) == "OK   00001_a.sql (12.3ms)\nOK   00002_b.sql (45.6ms)\n"
                         "gander: 2 migrations in 57.9ms, slowest 00002_b.sql (45.6ms)\n");
  CHECK(Contents(err) == "gander: up 00002_b.sql: 3 statements\n"
                         "gander: migration 2 up: executing (attempt 1)\n"
                         "gander: migration 2 up: transient failure, retry 1 of 5 in 97 ms: deadlock detected\n");
  std::fclose(out);
  std::fclose(err);
}

TEST_CASE("--json: the steps with their states and outcomes, once the plan is applied") {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  Output output(true, false, out, err);
  TextReporter reporter(output, "up");
  reporter.StepDone(Done(1, "00001_a.sql", 0.5));
  Plan plan;
  plan.steps.resize(1);
  plan.version_after = 1;
  reporter.PlanApplied(plan);
  CHECK(Contents(out) == "{\"command\":\"up\",\"steps\":[{\"direction\":\"up\",\"file\":\"00001_a.sql\",\"outcome\":"
                         "\"ok\",\"retries\":0,\"seconds\":0.5,\"statements\":1,\"states\":[\"pending\",\"executing\","
                         "\"succeeded\"],\"version\":1}],\"version_after\":1,\"version_before\":0}\n");
  CHECK(Contents(err).empty());
  std::fclose(out);
  std::fclose(err);
}

TEST_CASE("-v shows the SQL a step sends as goose's verbose mode does") {
  CHECK(GooseVerboseLine(SqlEvent::kBegin, "") == "Begin transaction");
  CHECK(GooseVerboseLine(SqlEvent::kCommit, "") == "Commit transaction");
  CHECK(GooseVerboseLine(SqlEvent::kRollback, "") == "Rollback transaction");
  // goose drops comment-only and empty lines from the statement it shows.
  CHECK(GooseVerboseLine(SqlEvent::kStatement, "CREATE TABLE t (\n-- the key\n\n  id int\n);") ==
        "Executing statement: CREATE TABLE t (\n  id int\n);");
  CHECK(GooseVerboseLine(SqlEvent::kStatement, "SELECT 1; -- kept: not a comment-only line") ==
        "Executing statement: SELECT 1; -- kept: not a comment-only line");

  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  {
    Output text(false, true, out, err);
    TextReporter reporter(text, "up");
    reporter.Sql(SqlEvent::kStatement, "SELECT 1;");
    Output json(true, true, out, err);
    TextReporter quiet(json, "up");
    quiet.Sql(SqlEvent::kStatement, "SELECT 2;");  // not with --json
  }
  CHECK(Contents(err) == "gander: Executing statement: SELECT 1;\n");
  CHECK(Contents(out).empty());
  std::fclose(out);
  std::fclose(err);
}

TEST_CASE("Output: Text, Progress and the prompt's Output mask the secrets, in text and JSON mode") {
  const std::string password = "S3cr%t!pw";
  SecretScrubber secrets;
  secrets.Add(password);
  for (bool json : {false, true}) {
    CAPTURE(json);
    std::FILE* out_file = std::tmpfile();
    std::FILE* err_file = std::tmpfile();
    REQUIRE(out_file != nullptr);
    REQUIRE(err_file != nullptr);
    {
      Output out(json, true, out_file, err_file);
      out.AddSecrets(secrets);
      out.Text("TARGET  ERROR\nt1  password authentication failed: " + password + "\n");
      out.Progress("\r\033[Kfleet up: " + password);
      Output prompt = out.ForPrompt();
      CHECK_FALSE(prompt.json());
      prompt.Line("plan on postgres://u:" + password + "@h/db");
      prompt.Progress("Roll back? Type yes to go ahead: ");
    }
    std::string stdout_text = Contents(out_file), stderr_text = Contents(err_file);
    CHECK(stdout_text.find(password) == std::string::npos);
    CHECK(stderr_text.find(password) == std::string::npos);
    CHECK(stderr_text.find("fleet up: ***") != std::string::npos);  // as given, no "gander: " prefix
    CHECK(stderr_text.find("plan on postgres://u:***@h/db\n") != std::string::npos);  // the prompt goes to stderr
    CHECK(stderr_text.find("Type yes to go ahead: ") != std::string::npos);
    // A table or a stored document is text for people: not mixed into --json.
    CHECK(stdout_text == (json ? "" : "TARGET  ERROR\nt1  password authentication failed: ***\n"));
    std::fclose(out_file);
    std::fclose(err_file);
  }
}
