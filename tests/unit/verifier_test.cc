#include "app/verifier.h"

#include <doctest/doctest.h>

#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

Status Verify(EngineFixture& f, const VerifyOptions& options, std::vector<Verification>* checked,
              VerifySummary* summary) {
  ChangeContext& c = f.NewContext();
  GANDER_RETURN_IF_ERROR(BeginChange(c, DirtyPolicy::kRefuse));
  return RunVerify(c, options, [&](const Verification& v) { checked->push_back(v); }, summary);
}

}  // namespace

TEST_CASE("verify: up, down, up for each pending migration; the database ends migrated") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  f.File("00002_b.sql", "-- +goose Up\nCREATE INDEX a_id ON a (id);\n-- +goose Down\nDROP INDEX a_id;\n");
  std::vector<Verification> checked;
  VerifySummary summary;
  REQUIRE(Verify(f, {}, &checked, &summary).ok());
  REQUIRE(checked.size() == 2);
  CHECK(checked[0].ok());
  CHECK(checked[1].file == "00002_b.sql");
  CHECK(summary.verified == 2);
  CHECK_FALSE(summary.failed);
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1");  // each down deleted its up's row
}

TEST_CASE("verify stops at a down part that does not restore the schema, naming the difference") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);\n"
                        "-- +goose Down\nDROP TABLE a;\n");
  f.File("00002_c.sql", "-- +goose Up\nCREATE TABLE c (id INTEGER);\n-- +goose Down\nDROP TABLE c;\n");
  std::vector<Verification> checked;
  VerifySummary summary;
  REQUIRE(Verify(f, {}, &checked, &summary).ok());
  REQUIRE(checked.size() == 1);
  REQUIRE(checked[0].problems.size() == 2);
  CHECK(checked[0].problems[0].rfind("down part does not restore the schema from before up: ", 0) == 0);
  CHECK(checked[0].problems[0].find("b") != std::string::npos);
  CHECK(summary.failed);
  CHECK(summary.verified == 0);
}

TEST_CASE("verify: a migration without a down part cannot be verified") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  std::vector<Verification> checked;
  VerifySummary summary;
  REQUIRE(Verify(f, {}, &checked, &summary).ok());
  CHECK(checked.at(0).problems == std::vector<std::string>{"has no down part, so it cannot be rolled back"});
}

TEST_CASE("verify refuses a database that holds tables, unless told to verify on top of them") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  REQUIRE(f.db.Exec("CREATE TABLE existing (id INTEGER)").ok());
  std::vector<Verification> checked;
  VerifySummary summary;
  Status st = Verify(f, {}, &checked, &summary);
  CHECK(st.code() == StatusCode::kRefused);
  CHECK(st.message().rfind("the database holds 1 table(s); verify runs every migration up, down and up again", 0) == 0);
  VerifyOptions on_top;
  on_top.allow_nonempty = true;
  REQUIRE(Verify(f, on_top, &checked, &summary).ok());
  CHECK(summary.verified == 1);
}

TEST_CASE("verify --only-new: older migrations are applied without checks; --data compares the rows") {
  EngineFixture f;
  f.File("00001_t.sql", "-- +goose Up\nCREATE TABLE t (n INTEGER);\nINSERT INTO t VALUES (1);\n"
                        "-- +goose Down\nDROP TABLE t;\n");
  f.File("00002_n.sql", "-- +goose Up\nINSERT INTO t VALUES (2);\n-- +goose Down\nDELETE FROM t;\n");
  VerifyOptions options;
  options.base = 1;
  options.data = true;
  std::vector<Verification> checked;
  VerifySummary summary;
  REQUIRE(Verify(f, options, &checked, &summary).ok());
  CHECK(summary.applied == 1);
  REQUIRE(checked.size() == 1);
  REQUIRE(checked[0].problems.size() == 1);
  CHECK(checked[0].problems[0].rfind("down+up does not keep the data of table t: 2 rows (crc64 ", 0) == 0);
}

TEST_CASE("verify: a migration before the base that fails is an error saying so") {
  EngineFixture f;
  f.File("00001_t.sql", "-- +goose Up\nCREATE TABLE t (n INTEGER);\n-- +goose Down\nDROP TABLE t;\n");
  f.db.FailWhen("CREATE TABLE t", Fault::kPermanent, 1, "boom");
  VerifyOptions options;
  options.base = 1;
  std::vector<Verification> checked;
  VerifySummary summary;
  Status st = Verify(f, options, &checked, &summary);
  CHECK(st.message().rfind("applying a migration before the ones to verify: migration 1 up failed", 0) == 0);
}

TEST_CASE("verify goes on past a migration without a down part and past a down part that rolled back") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n");
  f.File("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\n-- +goose Down\nDROP TABLE nowhere;\n");
  f.File("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id INTEGER);\n-- +goose Down\nDROP TABLE c;\n");
  std::vector<Verification> checked;
  VerifySummary summary;
  REQUIRE(Verify(f, {}, &checked, &summary).ok());
  REQUIRE(checked.size() == 3);
  CHECK(checked[0].problems == std::vector<std::string>{"has no down part, so it cannot be rolled back"});
  REQUIRE(checked[1].problems.size() == 1);
  CHECK(checked[1].problems[0].rfind("down failed: ", 0) == 0);
  CHECK(checked[2].ok());
  CHECK(summary.broken == 2);
  CHECK(summary.verified == 1);
  CHECK_FALSE(summary.stopped);
  CHECK(f.db.TrackingRows() == "0:1 1:1 2:1 3:1");  // migrated to the latest
}

TEST_CASE("verify stops where the database is no longer as the up part left it, counting what it did not check") {
  EngineFixture f;
  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id INTEGER);\n-- +goose Down\nDROP TABLE a;\n");
  f.File("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id INTEGER);\n-- +goose Down\nDROP TABLE b;\n");
  f.File("00003_c.sql", "-- +goose Up\nCREATE TABLE c (id INTEGER);\n-- +goose Down\nDROP TABLE c;\n");
  f.db.FailWhen("CREATE TABLE a", Fault::kPermanent, 1, "boom");
  std::vector<Verification> checked;
  VerifySummary summary;
  REQUIRE(Verify(f, {}, &checked, &summary).ok());
  REQUIRE(checked.size() == 1);
  CHECK(summary.stopped);
  CHECK(summary.not_checked == 2);
}
