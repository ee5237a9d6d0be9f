#include "app/recovery.h"

#include <doctest/doctest.h>

#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

const char* kThreeTables =
    "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);\n"
    "CREATE TABLE c (id INTEGER);\n-- +goose Down\nDROP TABLE c;\nDROP TABLE b;\nDROP TABLE a;\n";

// Migration 1 left dirty by a failure at its third statement (two took effect).
void LeaveDirty(EngineFixture& f) {
  f.File("00001_abc.sql", kThreeTables);
  f.db.FailWhen("CREATE TABLE c", Fault::kPermanent, 1, "disk full");
  REQUIRE_FALSE(f.Migrate(PlanKind::kUp).ok());
}

// The dirty marker rewritten as a crash while statement `done` + 1 ran leaves it.
void MarkInFlight(EngineFixture& f, int done) {
  REQUIRE(f.db.Exec("UPDATE goose_db_version_dirty SET statements_done = " + std::to_string(done) +
                    ", in_flight = 1, error = NULL").ok());
}

Status ForceNow(EngineFixture& f, int64_t version, bool* applied) {
  ChangeContext& c = f.NewContext();
  GANDER_RETURN_IF_ERROR(BeginChange(c, DirtyPolicy::kAllow));
  return Force(c, version, applied);
}

Status ResumeNow(EngineFixture& f, ResumeResult* out) {
  ChangeContext& c = f.NewContext();
  GANDER_RETURN_IF_ERROR(BeginChange(c, DirtyPolicy::kAllow));
  return Resume(c, out);
}

}  // namespace

TEST_CASE("resume continues at the first statement not done and records the migration") {
  EngineFixture f;
  LeaveDirty(f);
  ResumeResult r;
  REQUIRE(ResumeNow(f, &r).ok());
  CHECK(r.resumed);
  CHECK(r.first == 2);
  CHECK(f.db.CountCalls("CREATE TABLE a") == 1);  // only the failed run's
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_dirty") == "0");
  CHECK(f.db.Scalar("SELECT group_concat(outcome) FROM goose_db_version_history") == "dirty,applied");
}

TEST_CASE("resume with nothing dirty does nothing") {
  EngineFixture f;
  f.File("00001_abc.sql", kThreeTables);
  ResumeResult r;
  REQUIRE(ResumeNow(f, &r).ok());
  CHECK_FALSE(r.resumed);
}

TEST_CASE("an in-flight schema statement is re-run to learn whether it had taken effect") {
  SUBCASE("it had: re-running says it exists, resume continues after it") {
    EngineFixture f;
    LeaveDirty(f);
    MarkInFlight(f, 1);  // statement 2 (CREATE TABLE b) was running; it had created b
    ResumeResult r;
    REQUIRE(ResumeNow(f, &r).ok());
    CHECK(r.first == 2);
    CHECK(f.reporter.Lines("notice:") ==
          std::vector<std::string>{"notice: statement 2 (line 4: CREATE TABLE b (id INTEGER);) was running when gander "
                                   "stopped and had taken effect (re-running it says: table b already exists); "
                                   "continuing after it"});
    CHECK(f.db.TrackingRows() == "0:1 1:1");
  }
  SUBCASE("it had not: re-running it does the work, resume continues after it") {
    EngineFixture f;
    LeaveDirty(f);
    REQUIRE(f.db.Exec("DROP TABLE b").ok());
    MarkInFlight(f, 1);
    ResumeResult r;
    REQUIRE(ResumeNow(f, &r).ok());
    CHECK(r.first == 2);
    CHECK(f.reporter.Lines("notice:").at(0).find("had not taken effect; it has now run") != std::string::npos);
    CHECK(f.db.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == "1");
  }
  SUBCASE("re-running fails otherwise: refused, naming the way out") {
    EngineFixture f;
    LeaveDirty(f);
    MarkInFlight(f, 1);
    f.db.FailWhen("CREATE TABLE b", Fault::kPermanent, 1, "permission denied");
    ResumeResult r;
    Status st = ResumeNow(f, &r);
    CHECK(st.code() == StatusCode::kRefused);
    CHECK(st.message().find("re-running it failed: permission denied. Check the database, then `resume --in-flight "
                            "done` or `--in-flight redo`") != std::string::npos);
  }
}

TEST_CASE("an in-flight data statement: refused unless --in-flight done or redo says what happened") {
  EngineFixture f;
  f.File("00001_data.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE t (n INTEGER);\n"
                           "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\n");
  f.db.FailWhen("INSERT INTO t VALUES (2)", Fault::kPermanent, 1, "disk full");
  REQUIRE_FALSE(f.Migrate(PlanKind::kUp).ok());
  MarkInFlight(f, 1);  // the first INSERT was running
  ResumeResult r;
  Status st = ResumeNow(f, &r);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message() == "statement 2 (line 4: INSERT INTO t VALUES (1);) of migration 1 was running when gander "
                        "stopped, and gander cannot tell whether it took effect; check the database, then run "
                        "`gander -dir m sqlite3 'test.db' resume --in-flight done` if it did, or `--in-flight redo` "
                        "if it did not");
  SUBCASE("done: skipped") {
    f.options.in_flight = InFlight::kDone;
    REQUIRE(ResumeNow(f, &r).ok());
    CHECK(r.first == 2);
    CHECK(f.db.Scalar("SELECT group_concat(n) FROM t") == "1,2");
  }
  SUBCASE("redo: run again") {
    f.options.in_flight = InFlight::kRedo;
    REQUIRE(ResumeNow(f, &r).ok());
    CHECK(r.first == 1);
    CHECK(f.db.Scalar("SELECT group_concat(n) FROM t") == "1,1,2");
  }
}

TEST_CASE("resume refuses a file that changed its statement count or lost its file") {
  EngineFixture f;
  LeaveDirty(f);
  f.File("00001_abc.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  ResumeResult r;
  Status st = ResumeNow(f, &r);
  CHECK(st.message() == "the file of migration 1 now has 1 statements where the failed run had 3; resume cannot tell "
                        "where to continue. Repair by hand, then use force");
  f.env.RemoveFile("m/00001_abc.sql");
  CHECK(ResumeNow(f, &r).message() == "the dirty migration's file is missing: 00001_abc.sql");
}

TEST_CASE("force: a dirty up is recorded as applied, with its checksums, and the marker cleared") {
  EngineFixture f;
  LeaveDirty(f);
  bool applied = false;
  REQUIRE(ForceNow(f, 1, &applied).ok());
  CHECK(applied);
  CHECK(f.db.TrackingRows() == "0:1 1:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_dirty") == "0");
  CHECK(f.db.Scalar("SELECT outcome || ':' || (up_sha256 IS NOT NULL) FROM goose_db_version_history "
                    "ORDER BY id DESC LIMIT 1") == "forced_applied:1");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());  // clean again
}

TEST_CASE("force: a dirty down is recorded as rolled back") {
  EngineFixture f;
  f.File("00001_abc.sql", kThreeTables);
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  f.db.FailWhen("DROP TABLE b", Fault::kPermanent, 1, "locked");
  REQUIRE_FALSE(f.Migrate(PlanKind::kDown).ok());
  bool applied = true;
  REQUIRE(ForceNow(f, 1, &applied).ok());
  CHECK_FALSE(applied);
  CHECK(f.db.TrackingRows() == "0:1");
}

TEST_CASE("force is one transaction: a failure changes nothing") {
  EngineFixture f;
  LeaveDirty(f);
  // BeginChange reads the marker; the first DELETE of it is force's.
  f.db.FailWhen("DELETE FROM \"goose_db_version_dirty\"", Fault::kPermanent, 1, "disk I/O error");
  bool applied = false;
  CHECK(ForceNow(f, 1, &applied).message() == "disk I/O error");
  CHECK(f.db.TrackingRows() == "0:1");
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_dirty") == "1");
  CHECK(f.db.CountCalls("ROLLBACK") == 1);
}

TEST_CASE("repair re-records the checksums of every applied migration, so drift no longer refuses") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  f.File("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\n-- +goose Down\nDROP TABLE b;\n");
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  f.File("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER, x INTEGER);\n-- +goose Down\nDROP TABLE b;\n");
  CHECK(f.Migrate(PlanKind::kDown).code() == StatusCode::kRefused);
  ChangeContext& c = f.NewContext();
  REQUIRE(BeginChange(c, DirtyPolicy::kAllow).ok());
  std::vector<int64_t> repaired;
  REQUIRE(Repair(c, &repaired).ok());
  CHECK(repaired == std::vector<int64_t>{1, 2});
  CHECK(f.db.Scalar("SELECT count(*) FROM goose_db_version_history WHERE outcome = 'checksum_repaired'") == "2");
  REQUIRE(f.Migrate(PlanKind::kDown).ok());
}
