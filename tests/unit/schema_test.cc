#include "core/schema.h"

#include <doctest/doctest.h>

using namespace gander;

namespace {

SchemaDescription Make(std::vector<SchemaObject> objects) {
  SchemaDescription s;
  s.engine = "sqlite3";
  s.objects = std::move(objects);
  Canonicalize(&s);
  return s;
}

}  // namespace

TEST_CASE("canonical order: tables, columns, indexes, constraints, views, triggers; whitespace normalized") {
  SchemaDescription s = Make({{"view", "v", "SELECT\n  1"},
                              {"column", "t.b", "TEXT"},
                              {"table", "t", ""},
                              {"index", "t.i", "(b)"},
                              {"column", "t.a", "INTEGER"}});
  CHECK(SchemaText(s) == "table t\ncolumn t.a: INTEGER\ncolumn t.b: TEXT\nindex t.i: (b)\nview v: SELECT 1\n");
  CHECK(NormalizeSpace("  a \t\n b  ") == "a b");
}

TEST_CASE("kinds sort containers and types first, code and what hangs on code last; unknown kinds at the end") {
  SchemaDescription s = Make({{"trigger", "t.tr", "x"},
                              {"function", "f()", "x"},
                              {"table", "t", ""},
                              {"zzz", "odd", ""},
                              {"type", "mood", "ENUM ('a')"},
                              {"event_trigger", "e", "x"},
                              {"schema", "public", ""}});
  CHECK(SchemaText(s) ==
        "schema public\ntype mood: ENUM ('a')\ntable t\nfunction f(): x\ntrigger t.tr: x\nevent_trigger e: x\nzzz odd\n");
}

TEST_CASE("BodyHash: a re-indented body is the same, any other change is not") {
  CHECK(BodyHash("BEGIN\n  RETURN NEW;\nEND") == BodyHash("BEGIN RETURN NEW; END"));
  CHECK(BodyHash("BEGIN RETURN NEW; END") != BodyHash("BEGIN RETURN OLD; END"));
  CHECK(BodyHash("x").size() == 16);
}

TEST_CASE("the fingerprint ignores listing order and whitespace but not a changed definition") {
  SchemaDescription a = Make({{"table", "t", ""}, {"column", "t.a", "INTEGER NOT NULL"}});
  SchemaDescription b = Make({{"column", "t.a", "INTEGER  NOT\nNULL"}, {"table", "t", ""}});
  SchemaDescription c = Make({{"table", "t", ""}, {"column", "t.a", "INTEGER"}});
  CHECK(SchemaFingerprint(a) == SchemaFingerprint(b));
  CHECK(SchemaFingerprint(a) != SchemaFingerprint(c));
  CHECK(SchemaFingerprint(a).size() == 64);
}

TEST_CASE("diff names every object added, missing or changed") {
  SchemaDescription before = Make({{"table", "users", ""},
                                   {"column", "users.email", "TEXT"},
                                   {"index", "users.users_email", "UNIQUE (email)"}});
  SchemaDescription after = Make({{"table", "users", ""},
                                  {"column", "users.email", "VARCHAR(255)"},
                                  {"column", "users.name", "TEXT"}});
  std::vector<SchemaChange> changes = DiffSchemas(before, after);
  REQUIRE(changes.size() == 3);
  CHECK(DescribeChange(changes[0]) == "column users.email changed from \"TEXT\" to \"VARCHAR(255)\"");
  CHECK(DescribeChange(changes[1]) == "column users.name added (TEXT)");
  CHECK(DescribeChange(changes[2]) == "index users.users_email missing (was: UNIQUE (email))");
  CHECK(DiffSchemas(before, before).empty());
}

TEST_CASE("JSON round trip keeps every object") {
  SchemaDescription s = Make({{"table", "t", ""}, {"trigger", "t.tr", "CREATE TRIGGER tr ..."}});
  nlohmann::json j = SchemaToJson(s);
  CHECK(j["fingerprint"] == SchemaFingerprint(s));
  SchemaDescription back;
  REQUIRE(SchemaFromJson(j, &back));
  CHECK(back.objects == s.objects);
  CHECK_FALSE(SchemaFromJson(nlohmann::json::array(), &back));
}
