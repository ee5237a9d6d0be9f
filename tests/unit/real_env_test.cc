#include "app/real_env.h"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>

#include "scratch_folder.h"

using namespace gander;
using gander::test::ScratchFolder;

TEST_CASE("RealEnv: atomic write with its mode, read back, listed with folders marked") {
  ScratchFolder dir;
  RealEnv env;
  std::string file = dir.path + "/a.txt";
  REQUIRE(env.WriteFileAtomically(file, "hello", 0600).ok());
  struct stat info;
  REQUIRE(stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::string text;
  REQUIRE(env.ReadFile(file, &text).ok());
  CHECK(text == "hello");
  REQUIRE(env.CreateFolders(dir.path + "/x/y", 0700).ok());
  CHECK(env.IsFolder(dir.path + "/x/y"));
  REQUIRE(stat((dir.path + "/x/y").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);
  std::vector<FolderEntry> entries;
  REQUIRE(env.ListFolder(dir.path, &entries).ok());
  std::sort(entries.begin(), entries.end(), [](const FolderEntry& a, const FolderEntry& b) { return a.name < b.name; });
  REQUIRE(entries.size() == 2);  // no temporary file left behind
  CHECK(entries[0].name == "a.txt");
  CHECK_FALSE(entries[0].is_folder);
  CHECK(entries[1].name == "x");
  CHECK(entries[1].is_folder);
}

TEST_CASE("RealEnv: errors name the path and the reason") {
  ScratchFolder dir;
  RealEnv env;
  std::string text;
  CHECK(env.ReadFile(dir.path, &text).ToString() == dir.path + ": is a directory, not a file");
  CHECK(env.ReadFile(dir.path + "/none", &text).ToString() ==
        dir.path + "/none: cannot read file: No such file or directory");
  std::vector<FolderEntry> entries;
  CHECK(env.ListFolder(dir.path + "/none", &entries).message() == "No such file or directory");
  CHECK(env.WriteFileAtomically(dir.path + "/none/f", "x", 0644).ToString() ==
        "writing " + dir.path + "/none/.f.tmp: No such file or directory");
}

TEST_CASE("RealEnv: clocks, randomness, user, host and the process environment") {
  RealEnv env;
  auto before = env.SteadyNow();
  env.SleepFor(std::chrono::milliseconds(5));
  CHECK(env.SteadyNow() - before >= std::chrono::milliseconds(5));
  double r = env.RandomUnit();
  CHECK(r >= 0.0);
  CHECK(r < 1.0);
  CHECK_FALSE(env.HostName().empty());
  setenv("GANDER_REAL_ENV_TEST", "yes", 1);
  CHECK(env.GetEnv("GANDER_REAL_ENV_TEST") == std::optional<std::string>("yes"));
  unsetenv("GANDER_REAL_ENV_TEST");
  CHECK_FALSE(env.GetEnv("GANDER_REAL_ENV_TEST"));
}
