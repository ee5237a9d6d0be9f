#include "app/snapshot_files.h"

#include <doctest/doctest.h>

#include "app/mem_env.h"

using namespace gander;

TEST_CASE("WriteSnapshotFile: creates the folder, writes the file for its owner only") {
  MemEnv env;
  REQUIRE(WriteSnapshotFile(env, "m/.gander/snapshots", "s1.json", "{\"seq\":1}").ok());
  CHECK(env.IsFolder("m/.gander/snapshots"));
  CHECK(env.FileText("m/.gander/snapshots/s1.json") == "{\"seq\":1}");
  CHECK(env.FileMode("m/.gander/snapshots/s1.json") == 0600);
}

TEST_CASE("WriteSnapshotFile: a folder that cannot be made, or a failed write, is an error naming it") {
  MemEnv env;
  env.AddFile("snap", "a file where the folder should be");
  CHECK(WriteSnapshotFile(env, "snap", "s1.json", "{}").ToString() == "creating snapshot folder snap: File exists");
  env.FailWrites("ok/");
  env.AddFolder("ok");
  CHECK(WriteSnapshotFile(env, "ok", "s1.json", "{}").ToString() == "writing ok/s1.json: Input/output error");
}

TEST_CASE("ReadSnapshotFolder: the *.json files by name, none for a missing folder") {
  MemEnv env;
  std::vector<SnapshotFile> files;
  REQUIRE(ReadSnapshotFolder(env, "snap", &files).ok());
  CHECK(files.empty());
  env.AddFile("snap/b.json", "B");
  env.AddFile("snap/a.json", "A");
  env.AddFile("snap/.c.json.tmp", "half written");
  env.AddFile("snap/.d.json", "hidden");
  env.AddFile("snap/notes.txt", "not a snapshot");
  REQUIRE(ReadSnapshotFolder(env, "snap", &files).ok());
  REQUIRE(files.size() == 2);
  CHECK(files[0].name == "a.json");
  CHECK(files[0].bytes == "A");
  CHECK(files[1].name == "b.json");
}
