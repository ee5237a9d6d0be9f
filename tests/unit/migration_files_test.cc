#include "app/migration_files.h"

#include <doctest/doctest.h>

#include "app/mem_env.h"

using namespace gander;

namespace {

// A MemEnv holding `files` (path, text).
void AddAll(MemEnv& env, const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [path, text] : files) env.AddFile(path, text);
}

}  // namespace

TEST_CASE("ListMigrations: one level of the folder, sorted by version; sub-folders ignored") {
  MemEnv env;
  AddAll(env, {{"m/00002_b.sql", "-- +goose Up\nSELECT 2;\n"},
               {"m/00001_a.sql", "-- +goose Up\nSELECT 1;\n"},
               {"m/README.md", "not a migration"},
               {"m/old/00003_c.sql", "-- +goose Up\nSELECT 3;\n"}});
  std::vector<MigrationSource> sources;
  REQUIRE(ListMigrations(env, "m", &sources).ok());
  REQUIRE(sources.size() == 2);
  CHECK(sources[0].file == "00001_a.sql");
  CHECK(sources[1].version == 2);
}

TEST_CASE("ListMigrations: a missing folder and a bad file name are input errors naming them") {
  MemEnv env;
  std::vector<MigrationSource> sources;
  Status st = ListMigrations(env, "nowhere", &sources);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.ToString() == "nowhere: cannot read migrations directory: No such file or directory");
  env.AddFile("m/add_users.sql", "");
  st = ListMigrations(env, "m", &sources);
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.file() == "m/add_users.sql");
}

TEST_CASE("LoadMigration: goose and paired files, ENVSUB from the Env's variables") {
  MemEnv env;
  env.SetEnv("OWNER", "app");
  AddAll(env, {{"m/00001_a.sql", "-- +goose Up\n-- +goose ENVSUB ON\nGRANT ALL ON t TO ${OWNER};\n"},
               {"m/00002_b.up.sql", "CREATE TABLE b (id INT);\n"},
               {"m/00002_b.down.sql", "DROP TABLE b;\n"}});
  std::vector<MigrationSource> sources;
  REQUIRE(ListMigrations(env, "m", &sources).ok());
  ParsedMigration m;
  REQUIRE(LoadMigration(env, "m", sources[0], &m).ok());
  REQUIRE(m.up.statements.size() == 1);
  CHECK(m.up.statements[0].text == "GRANT ALL ON t TO app;");
  CHECK_FALSE(m.down);
  REQUIRE(LoadMigration(env, "m", sources[1], &m).ok());
  REQUIRE(m.down);
  CHECK(m.down->statements[0].text == "DROP TABLE b;");

  env.RemoveFile("m/00002_b.down.sql");
  Status st = LoadMigration(env, "m", sources[1], &m);
  CHECK(st.ToString() == "m/00002_b.down.sql: cannot read file: No such file or directory");
}

TEST_CASE("JoinPath and DirName") {
  CHECK(JoinPath(".", "a.sql") == "a.sql");
  CHECK(JoinPath("m/", "a.sql") == "m/a.sql");
  CHECK(JoinPath("m", "a.sql") == "m/a.sql");
  CHECK(DirName("a.sql") == ".");
  CHECK(DirName("/a.sql") == "/");
  CHECK(DirName("x/y/a.sql") == "x/y");
}
