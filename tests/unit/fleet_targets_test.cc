#include "app/fleet_targets.h"

#include <doctest/doctest.h>

#include "scratch_folder.h"

using namespace gander;
using gander::test::ScratchFolder;

namespace {

TargetSpec Spec(const std::string& name, const std::string& driver) {
  TargetSpec s;
  s.name = name;
  s.driver = driver;
  return s;
}

}  // namespace

TEST_CASE("a SQLite glob expands to one target per file, sorted, relative to the targets file's folder") {
  ScratchFolder dir;
  dir.Touch("shards/b.db");
  dir.Touch("shards/a.db");
  TargetsFile file;
  TargetSpec spec = Spec("shard-{file}", "sqlite");
  spec.glob = "shards/*.db";
  spec.labels = {{"tier", "gold"}};
  file.targets.push_back(spec);
  TargetSpec single = Spec("main", "sqlite3");
  single.dsn = "main.db";
  file.targets.push_back(single);
  std::vector<FleetTarget> targets;
  REQUIRE(ExpandTargets(file, dir.path, &targets).ok());
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].name == "shard-a");
  CHECK(targets[0].dsn == dir.path + "/shards/a.db");
  CHECK(targets[0].driver == "sqlite3");
  CHECK(targets[0].labels.at("tier") == "gold");
  CHECK(targets[1].name == "shard-b");
  CHECK(targets[2].dsn == dir.path + "/main.db");
}

TEST_CASE("targets: a glob matching nothing, a pattern on the wrong engine and a duplicate name are errors") {
  ScratchFolder dir;
  TargetsFile file;
  TargetSpec spec = Spec("x", "sqlite3");
  spec.glob = "none/*.db";
  file.targets = {spec};
  std::vector<FleetTarget> targets;
  CHECK(ExpandTargets(file, dir.path, &targets).message() == "targets[0] (\"x\"): glob \"none/*.db\" matches no file");

  spec = Spec("y", "mysql");
  spec.schemas = "tenant_*";
  file.targets = {spec};
  CHECK(ExpandTargets(file, dir.path, &targets).message().find("\"schemas\" is for PostgreSQL targets") !=
        std::string::npos);

  file.targets = {Spec("z", "oracle")};
  CHECK(ExpandTargets(file, dir.path, &targets).message().find("unknown driver \"oracle\"") != std::string::npos);

  TargetSpec a = Spec("same", "sqlite3");
  a.dsn = "a.db";
  TargetSpec b = Spec("same", "sqlite3");
  b.dsn = "b.db";
  file.targets = {a, b};
  CHECK(ExpandTargets(file, dir.path, &targets).message().find("same") != std::string::npos);
}
