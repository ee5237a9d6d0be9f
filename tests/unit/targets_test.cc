#include "core/targets.h"

#include <doctest/doctest.h>

using namespace gander;

namespace {

EnvLookup Env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

Status Parse(const std::string& text, TargetsFile* out) { return ParseTargetsFile(text, Env({{"PW", "s3cret"}}), out); }

}  // namespace

TEST_CASE("targets file: entries, labels, env in DSNs, patterns and deadlines") {
  TargetsFile file;
  REQUIRE(Parse(R"({"targets": [
      {"name": "eu-1", "driver": "postgres", "dsn": "postgres://app:${PW}@db/app", "labels": {"tier": "gold"}},
      {"name": "tenant-{schema}", "driver": "postgres", "dsn": "postgres://db/app", "schemas": "tenant_*"},
      {"name": "local", "driver": "sqlite3", "glob": "data/*.db", "lock_timeout": "250ms"}],
    "deadlines": [{"select": "tier=gold", "lock_timeout": 5, "statement_timeout": "2m"}]})",
                &file).ok());
  REQUIRE(file.targets.size() == 3);
  CHECK(file.targets[0].dsn == "postgres://app:s3cret@db/app");
  CHECK(file.targets[0].labels.at("tier") == "gold");
  CHECK(file.targets[1].schemas == "tenant_*");
  CHECK(file.targets[2].glob == "data/*.db");
  CHECK(*file.targets[2].deadlines.lock_timeout == doctest::Approx(0.25));
  REQUIRE(file.deadlines.size() == 1);
  CHECK(*file.deadlines[0].deadlines.statement_timeout == 120);

  Deadlines gold = DeadlinesFor(file, file.targets[0], "eu-1", file.targets[0].labels);
  CHECK(*gold.lock_timeout == 5);
  CHECK(*gold.statement_timeout == 120);
  Deadlines own = DeadlinesFor(file, file.targets[2], "local", {});
  CHECK(*own.lock_timeout == doctest::Approx(0.25));
  CHECK_FALSE(own.statement_timeout);
}

TEST_CASE("targets file: mistakes are named with the entry") {
  TargetsFile file;
  CHECK(Parse("[]", &file).message().find("\"targets\" array") != std::string::npos);
  CHECK(Parse(R"({"targets": [{"name": "a", "driver": "postgres", "dns": "x"}]})", &file).message() ==
        "targets[0] (\"a\"): unknown key \"dns\"");
  CHECK(Parse(R"({"targets": [{"name": "a", "driver": "postgres"}]})", &file).message().find("needs a \"dsn\"") !=
        std::string::npos);
  Status unset = Parse(R"({"targets": [{"name": "a", "driver": "postgres", "dsn": "postgres://u:${NOPE}@h/d"}]})", &file);
  CHECK(unset.code() == StatusCode::kInvalid);
  CHECK(unset.message().find("targets[0] (\"a\"): \"dsn\"") == 0);
  CHECK(unset.message().find("NOPE") != std::string::npos);
  CHECK(Parse(R"({"targets": [{"name": "a", "driver": "sqlite3", "glob": "*.db", "lock_timeout": "soon"}]})", &file)
            .message()
            .find("\"lock_timeout\" must be a duration") != std::string::npos);
  CHECK(Parse(R"({"targets": [{"name": "a", "driver": "postgres", "dsn": "x", "schemas": "a*", "databases": "b*"}]})",
              &file)
            .message()
            .find("exclude each other") != std::string::npos);
  CHECK(Parse(R"({"targets": [], "deadlines": [{"lock_timeout": 1}]})", &file).message().find("deadlines[0]") == 0);
}

TEST_CASE("selectors: key=glob and key!=glob over labels and the name, all must match") {
  std::vector<Selector> s;
  REQUIRE(ParseSelectors("tier=gold,region!=eu-*", &s).ok());
  CHECK(SelectorsMatch(s, "a", {{"tier", "gold"}, {"region", "us-1"}}));
  CHECK_FALSE(SelectorsMatch(s, "a", {{"tier", "gold"}, {"region", "eu-2"}}));
  CHECK_FALSE(SelectorsMatch(s, "a", {{"region", "us-1"}}));  // no tier label
  CHECK(SelectorsMatch(s, "a", {{"tier", "gold"}}));           // no region: != matches
  REQUIRE(ParseSelectors("name=tenant-0*", &s).ok());
  CHECK(SelectorsMatch(s, "tenant-07", {}));
  CHECK_FALSE(SelectorsMatch(s, "tenant-17", {}));
  CHECK_FALSE(ParseSelectors("tier", &s).ok());
  CHECK_FALSE(ParseSelectors("=gold", &s).ok());
  CHECK_FALSE(ParseSelectors("a=b,", &s).ok());
}

TEST_CASE("expanded names: the placeholder replaced, else name:item; duplicates refused") {
  CHECK(ExpandedTargetName("tenant-{schema}", "schema", "acme") == "tenant-acme");
  CHECK(ExpandedTargetName("shards", "database", "shard_01") == "shards:shard_01");
  std::vector<FleetTarget> targets(2);
  targets[0].name = targets[1].name = "x";
  CHECK(CheckUniqueNames(targets).message().find("two targets are named \"x\"") == 0);
  targets[1].name = "y";
  CHECK(CheckUniqueNames(targets).ok());
}
