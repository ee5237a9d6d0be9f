#include "app/mem_env.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/audit.h"

using namespace gander;
using std::chrono::milliseconds;

namespace {

std::vector<std::string> Names(const std::vector<FolderEntry>& entries) {
  std::vector<std::string> names;
  for (const FolderEntry& e : entries) names.push_back(e.name + (e.is_folder ? "/" : ""));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("MemEnv: files and folders as a map, listed one level deep") {
  MemEnv env;
  env.AddFile("m/00001_a.sql", "-- +goose Up\n");
  env.AddFile("./m/sub/deep/x.sql", "x");
  env.AddFolder("m/empty/");
  std::vector<FolderEntry> entries;
  REQUIRE(env.ListFolder("m/", &entries).ok());
  CHECK(Names(entries) == std::vector<std::string>{"00001_a.sql", "empty/", "sub/"});
  REQUIRE(env.ListFolder(".", &entries).ok());
  CHECK(Names(entries) == std::vector<std::string>{"m/"});
  CHECK(env.IsFolder("m/sub"));
  CHECK_FALSE(env.IsFolder("m/00001_a.sql"));
  CHECK(env.ListFolder("nowhere", &entries).message() == "No such file or directory");

  std::string text;
  REQUIRE(env.ReadFile("m/00001_a.sql", &text).ok());
  CHECK(text == "-- +goose Up\n");
  CHECK(env.ReadFile("m/sub", &text).ToString() == "m/sub: is a directory, not a file");
  CHECK(env.ReadFile("m/none.sql", &text).ToString() == "m/none.sql: cannot read file: No such file or directory");
}

TEST_CASE("MemEnv: atomic writes need their folder, keep the mode and can be made to fail") {
  MemEnv env;
  CHECK(env.WriteFileAtomically("snap/1.json", "{}", 0600).ToString() ==
        "writing snap/1.json: No such file or directory");
  REQUIRE(env.CreateFolders("snap", 0700).ok());
  REQUIRE(env.WriteFileAtomically("snap/1.json", "{}", 0600).ok());
  CHECK(env.FileText("snap/1.json") == "{}");
  CHECK(env.FileMode("snap/1.json") == 0600);
  REQUIRE(env.WriteFileAtomically("metrics.prom", "a 1\n", 0644).ok());  // the current folder always exists
  env.FailWrites("snap/");
  CHECK(env.WriteFileAtomically("snap/2.json", "{}", 0600).ToString() == "writing snap/2.json: Input/output error");
  CHECK(env.Files() == std::vector<std::string>{"metrics.prom", "snap/1.json"});
}

TEST_CASE("MemEnv: clocks move only when told to or when something sleeps") {
  MemEnv env;
  CHECK(FormatUtc(env.WallNow()).rfind("2026-01-02T03:04:05", 0) == 0);
  auto steady = env.SteadyNow();
  CHECK(env.SteadyNow() == steady);
  env.SleepFor(milliseconds(100));
  env.Advance(milliseconds(20));
  CHECK(env.SteadyNow() - steady == milliseconds(120));
  CHECK(env.sleeps() == std::vector<milliseconds>{milliseconds(100)});
  CHECK(FormatUtc(env.WallNow()).rfind("2026-01-02T03:04:05.12", 0) == 0);
}

TEST_CASE("MemEnv: scripted randomness, user, host and variables") {
  MemEnv env;
  env.QueueRandom(0.0);
  CHECK(env.RandomUnit() == 0.0);
  CHECK(env.RandomUnit() == 0.5);
  CHECK(env.Random32() != env.Random32());
  CHECK(env.UserName() == "tester");
  CHECK(env.HostName() == "testhost");
  CHECK_FALSE(env.GetEnv("HOME"));  // not the process's environment
  env.SetEnv("TABLE", "t");
  CHECK(VariablesOf(env)("TABLE") == std::optional<std::string>("t"));
  env.UnsetEnv("TABLE");
  CHECK_FALSE(env.GetEnv("TABLE"));
}
