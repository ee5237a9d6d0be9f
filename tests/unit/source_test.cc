#include "core/source.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("discovery sorts goose files by numeric version and ignores non-sql files") {
  std::vector<MigrationSource> out;
  Status st = DiscoverMigrations({"10_c.sql", "README.md", "2_b.sql", "00001_a.sql", "notes.txt"}, &out);
  REQUIRE(st.ok());
  REQUIRE(out.size() == 3);
  CHECK(out[0].version == 1);
  CHECK(out[0].file == "00001_a.sql");
  CHECK(out[1].version == 2);
  CHECK(out[2].version == 10);
  CHECK(out[2].format == SourceFormat::kGoose);
}

TEST_CASE("discovery pairs .up.sql with .down.sql") {
  std::vector<MigrationSource> out;
  REQUIRE(DiscoverMigrations({"3_x.up.sql", "3_x.down.sql", "4_y.up.sql"}, &out).ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].format == SourceFormat::kPaired);
  CHECK(out[0].file == "3_x.up.sql");
  CHECK(out[0].down_file == "3_x.down.sql");
  CHECK(out[1].down_file.empty());
}

TEST_CASE("duplicate versions are an error naming both files") {
  std::vector<MigrationSource> out;
  Status st = DiscoverMigrations({"2_a.sql", "002_b.sql"}, &out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.exit_code() == 2);
  CHECK(st.message().find("002_b.sql") != std::string::npos);
  CHECK(st.message().find("2_a.sql") != std::string::npos);

  st = DiscoverMigrations({"2_a.sql", "2_a.up.sql"}, &out);
  CHECK_FALSE(st.ok());
  st = DiscoverMigrations({"2_a.sql", "2_a.down.sql"}, &out);
  CHECK_FALSE(st.ok());
}

TEST_CASE("bad names are errors naming the file") {
  std::vector<MigrationSource> out;
  for (const char* bad : {"init.sql", "abc_init.sql", "0_zero.sql", "99999999999999999999_big.sql"}) {
    CAPTURE(bad);
    Status st = DiscoverMigrations({bad}, &out);
    REQUIRE_FALSE(st.ok());
    CHECK(st.file() == bad);
    CHECK(st.exit_code() == 2);
  }
}

TEST_CASE("a control character in a migration file name is refused, shown escaped") {
  std::vector<MigrationSource> out;
  struct Case {
    std::string name, shown, escape;
  };
  for (const Case& c : std::vector<Case>{{"00002_a\nb.sql", "00002_a\\nb.sql", "\\n"},
                                          {"00002_a\x01.sql", "00002_a\\x01.sql", "\\x01"},
                                          {"00002_\x1b[31mred.sql", "00002_\\x1b[31mred.sql", "\\x1b"},
                                          {"00002_tab\t.up.sql", "00002_tab\\t.up.sql", "\\t"},
                                          {"00002_del\x7f.sql", "00002_del\\x7f.sql", "\\x7f"},
                                          {"00002_c1\xc2\x9b.sql", "00002_c1\\u009b.sql", "\\u009b"}}) {
    CAPTURE(c.shown);
    Status st = DiscoverMigrations({"00001_ok.sql", c.name}, &out);
    CHECK(st.exit_code() == 2);
    CHECK(st.file() == c.shown);
    CHECK(st.message() == "migration file name holds a control character (" + c.escape + "); rename the file");
    CHECK(st.ToString().find_first_of("\n\r\x01\x1b\x7f") == std::string::npos);
  }
  // Other files are ignored as before, whatever their names; UTF-8 names stay valid.
  REQUIRE(DiscoverMigrations({"00001_ok.sql", "notes\n.txt", "00002_h\xc3\xa9llo.sql"}, &out).ok());
  CHECK(out.size() == 2);
  CHECK(EscapeControlCharacters("a\\b\r") == "a\\\\b\\r");
}

TEST_CASE("version 0 is allowed in paired folders only") {
  std::vector<MigrationSource> out;
  REQUIRE(DiscoverMigrations({"0_initial.up.sql", "0_initial.down.sql", "1_next.up.sql"}, &out).ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].version == 0);
  CHECK(out[0].down_file == "0_initial.down.sql");
  Status st = DiscoverMigrations({"0000_system.sql"}, &out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.ToString().find("0000_system.sql: migration version must be greater than zero") == 0);
}

TEST_CASE("up and down files pair by version, whatever the rest of their names") {
  std::vector<MigrationSource> out;
  // pocket-id's `..up.sql`.
  REQUIRE(DiscoverMigrations({"20240813211251_passkey_backup_flags..up.sql",
                              "20240813211251_passkey_backup_flags.down.sql"}, &out).ok());
  REQUIRE(out.size() == 1);
  CHECK(out[0].file == "20240813211251_passkey_backup_flags..up.sql");
  CHECK(out[0].down_file == "20240813211251_passkey_backup_flags.down.sql");
}

TEST_CASE("two pairs with one version name both up files (concourse 1626194317)") {
  std::vector<MigrationSource> out;
  Status st = DiscoverMigrations({"1626194317_add_job_pauses_table.up.sql", "1626194317_add_job_pauses_table.down.sql",
                                  "1626194317_add_pipeline_pauses_table.up.sql",
                                  "1626194317_add_pipeline_pauses_table.down.sql"}, &out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.exit_code() == 2);
  CHECK(st.ToString() == "1626194317_add_pipeline_pauses_table.up.sql: duplicate migration version 1626194317: "
                         "1626194317_add_job_pauses_table.up.sql and 1626194317_add_pipeline_pauses_table.up.sql "
                         "(give all but one of them a new version)");
  CHECK(out.empty());
}

TEST_CASE("every bad name is reported, not only the first") {
  std::vector<MigrationSource> out;
  Status st = DiscoverMigrations({"init.sql", "1_ok.sql", "2_a.sql", "2_b.sql", "x_y.up.sql", "0_z.sql"}, &out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.exit_code() == 2);
  CHECK(st.message() == "4 problems in the migration file names");
  std::vector<std::string> files;
  for (const Status& p : st.problems()) files.push_back(p.file());
  CHECK(files == std::vector<std::string>{"init.sql", "x_y.up.sql", "0_z.sql", "2_b.sql"});
  CHECK(out.empty());
}

TEST_CASE("a version with only a .down.sql file is a migration whose up does nothing, as golang-migrate reads it") {
  std::vector<MigrationSource> out;
  REQUIRE(DiscoverMigrations({"1_a.up.sql", "2_go_coded.down.sql", "3_c.up.sql"}, &out).ok());
  REQUIRE(out.size() == 3);
  CHECK(out[1].version == 2);
  CHECK(out[1].up_missing);
  CHECK(out[1].file == "2_go_coded.down.sql");
  CHECK(out[1].down_file == "2_go_coded.down.sql");
  CHECK_FALSE(out[0].up_missing);
}
