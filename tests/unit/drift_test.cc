#include "app/drift.h"

#include <doctest/doctest.h>

#include "app/migration_files.h"
#include "engine_fixture.h"

using namespace gander;
using namespace gander::test;

namespace {

Status Drift(EngineFixture& f, std::vector<DriftFinding>* findings) {
  std::vector<MigrationSource> sources;
  GANDER_RETURN_IF_ERROR(ListMigrations(f.env, "m", &sources));
  std::vector<PartChecksums> sums(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    ParsedMigration m;
    GANDER_RETURN_IF_ERROR(LoadMigration(f.env, "m", sources[i], &m));
    sums[i] = ChecksumsOf(m);
  }
  return FindDrift(f.db.Factory(), "goose_db_version", sources, sums, findings);
}

}  // namespace

TEST_CASE("drift: changed parts, missing files and unrecorded checksums, in the order applied") {
  EngineFixture f;
  f.TableMigrations({"a", "b", "c"});
  REQUIRE(f.Migrate(PlanKind::kUp).ok());
  std::vector<DriftFinding> findings;
  REQUIRE(Drift(f, &findings).ok());
  CHECK(findings.empty());

  f.File("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id BIGINT);\n-- +goose Down\nDROP TABLE a CASCADE;\n");
  f.env.RemoveFile("m/00002_b.sql");
  REQUIRE(f.db.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (4, 1)").ok());
  f.File("00004_d.sql", "-- +goose Up\nSELECT 4;\n");
  f.db.ClearCalls();
  REQUIRE(Drift(f, &findings).ok());
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].kind == DriftFinding::Kind::kChanged);
  CHECK(findings[0].part == "up");
  CHECK(findings[1].part == "down");
  CHECK(findings[1].file == "00001_a.sql");
  CHECK(findings[2].kind == DriftFinding::Kind::kMissingFile);
  CHECK(findings[2].version == 2);
  CHECK(findings[3].kind == DriftFinding::Kind::kUnrecorded);
  CHECK(findings[3].version == 4);
  CHECK(f.db.CountCalls("LOCK") == 0);  // read-only: no lock, nothing written
  CHECK(f.db.CountCalls("INSERT") == 0);
}
