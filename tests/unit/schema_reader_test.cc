// db/schema_reader: what the schema description leaves out (gander's own
// tables) and what it must not (a user's table that merely starts with the
// tracking table's name).
#include "db/schema_reader.h"

#include <doctest/doctest.h>

#include "db/version_store.h"
#include "fake_connection.h"

using namespace gander;
using namespace gander::test;

namespace {

std::vector<std::string> TableNames(Connection& conn, const std::string& tracking) {
  SchemaDescription schema;
  REQUIRE(ReadSchema(conn, tracking, &schema).ok());
  std::vector<std::string> names;
  for (const SchemaObject& o : schema.objects) {
    if (o.kind == "table") names.push_back(o.name);
  }
  return names;
}

}  // namespace

TEST_CASE("gander's tables are left out of the schema, a user's <tracking>_x table is not") {
  FakeDatabase db;
  std::unique_ptr<Connection> conn = db.Connect();
  VersionStore store(conn.get(), "goose_db_version");
  REQUIRE(store.EnsureVersionTable().ok());
  REQUIRE(store.ClearDirty().ok());  // creates goose_db_version_dirty
  for (const char* sql : {"CREATE TABLE goose_db_version_history (id integer)",
                          "CREATE TABLE goose_db_version_snapshots (id integer)",
                          "CREATE TABLE gander_lock (id integer)",
                          "CREATE TABLE goose_db_version_users (id integer)",
                          "CREATE INDEX goose_db_version_users_id ON goose_db_version_users (id)",
                          "CREATE TABLE goose_db_versions (id integer)",
                          "CREATE TABLE users (id integer)"}) {
    REQUIRE(db.Exec(sql).ok());
  }
  CHECK(TableNames(*conn, "goose_db_version") ==
        std::vector<std::string>{"goose_db_version_users", "goose_db_versions", "users"});
  SchemaDescription schema;
  REQUIRE(ReadSchema(*conn, "goose_db_version", &schema).ok());
  bool index_seen = false;
  for (const SchemaObject& o : schema.objects) index_seen |= o.name.find("goose_db_version_users_id") != std::string::npos;
  CHECK(index_seen);
  // Another -table: goose_db_version is then a user's table like any other.
  CHECK(TableNames(*conn, "other").size() == 7);
}
