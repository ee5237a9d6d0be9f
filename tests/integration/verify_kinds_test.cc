// verify sees every kind of object a down part can leave behind, per engine:
// each migration of verify_<engine>_forgets forgets one (verify --from N must
// name it), and verify_<engine>_kinds holds the same objects with down parts
// that are right (verify passes, and two databases migrated alike compare
// equal: nothing in the description differs from run to run).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "integration/harness.h"

using namespace gander::test;

namespace {

// A migration whose down part forgets something, and the difference verify
// must report for it.
struct Forgotten {
  int version;
  std::string difference;
};

void CheckEachIsSeen(const std::string& engine, const std::string& fixture, const std::vector<Forgotten>& cases) {
  TempDir dir;
  dir.CopyFixture("migrations/" + fixture, "m");
  for (const Forgotten& f : cases) {
    CAPTURE(f.version);
    ScratchDb db(engine);
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"verify", "--from", std::to_string(f.version), "--json"}));
    REQUIRE_MESSAGE(r.exit_code == 1, r.out, r.err);
    nlohmann::json j = nlohmann::json::parse(r.out);
    CHECK(j["first_failure"]["version"] == f.version);
    std::string problem = j["migrations"].back()["problems"][0];
    CHECK_MESSAGE(Contains(problem, "down part does not restore the schema from before up: "), problem);
    CHECK_MESSAGE(Contains(problem, f.difference), problem);
  }
}

// verify passes; the schema it leaves equals a second database's after `up`.
std::string CheckRightDownsPass(const std::string& engine, const std::string& fixture) {
  TempDir dir;
  dir.CopyFixture("migrations/" + fixture, "m");
  ScratchDb verified(engine), migrated(engine);
  RunResult r = RunGander(Args(Target(verified, dir.Join("m")), {"verify", "--data"}));
  CHECK_MESSAGE(r.exit_code == 0, r.out, r.err);
  r = RunGander(Args(Target(migrated, dir.Join("m")), {"up"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.out, r.err);
  r = RunGander({engine, verified.dsn(), "compare", migrated.dsn()});
  CHECK_MESSAGE(r.exit_code == 0, r.out, r.err);
  r = RunGander({engine, migrated.dsn(), "schema"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out;
}

}  // namespace

TEST_CASE("verify: PostgreSQL types, sequences, routines, triggers, views, extensions, schemas, policies, comments") {
  if (!HasEngine("postgres")) return;
  CheckEachIsSeen(
      "postgres", "verify_postgres_forgets",
      {{2, "type mood added (ENUM ('sad', 'ok', 'happy'))"},
       {3, "type money_amount added (COMPOSITE (cents bigint, currency character(3)))"},
       {4, "type positive_int added (DOMAIN integer NOT NULL CONSTRAINT positive_int_check CHECK (VALUE > 0))"},
       {5, "sequence invoice_numbers added (bigint START 1000 INCREMENT 10 "},
       {6, "function add_tax(cents bigint) added (RETURNS bigint LANGUAGE sql IMMUTABLE BODY "},
       {7, "procedure archive_items(IN older_than integer) added (LANGUAGE plpgsql BODY "},
       {8, "trigger items.items_touch added (CREATE TRIGGER items_touch BEFORE INSERT ON items"},
       {9, "view noted_items added (SELECT items.id, items.note FROM items WHERE items.note IS NOT NULL;)"},
       {10, "view item_count added (MATERIALIZED SELECT count(*) AS n FROM items;)"},
       {11, "extension citext added"},
       {12, "schema reporting added"},
       {13, "table items changed from \"\" to \"ROW LEVEL SECURITY\""},
       {14, "policy items.items_visible added (PERMISSIVE FOR SELECT TO PUBLIC USING ((note IS NOT NULL)))"},
       {15, "column items.note changed from \"text\" to \"text COMMENT 'free text'\""},
       {16, "function touch() changed from \"RETURNS trigger LANGUAGE plpgsql VOLATILE BODY "},
       {17, "type colour changed from \"ENUM ('red', 'green')\" to \"ENUM ('red', 'green', 'blue')\""},
       {18,
        "column items.note changed from \"text COMMENT 'free text'\" to \"text DEFAULT 'none'::text COMMENT 'free "
        "text'\""},
       {19, "sequence invoice_numbers changed from \"bigint START 1000 INCREMENT 10 "},
       {20, "rule items.items_no_delete added (CREATE RULE items_no_delete AS ON DELETE TO items DO INSTEAD"},
       {21, "statistics items.items_id_note added (CREATE STATISTICS items_id_note (dependencies) ON id, note"}});

  std::string schema = CheckRightDownsPass("postgres", "verify_postgres_kinds");
  CHECK(Contains(schema, "\nextension citext\n"));
  CHECK(Contains(schema, "\nschema reporting\n"));
  CHECK(Contains(schema, "\nsequence items.items_serial_no_seq: bigint START 1 "));
  CHECK(Contains(schema, "\nprocedure archive_items(IN older_than integer): LANGUAGE plpgsql SECURITY DEFINER BODY "));
  // What citext made is the extension's, not the user's; the tracking table
  // and its identity sequence are gander's.
  CHECK_FALSE(Contains(schema, "citextin"));
  CHECK_FALSE(Contains(schema, "type citext"));
  CHECK_FALSE(Contains(schema, "goose_db_version"));
}

TEST_CASE("verify: MySQL/MariaDB routines, triggers, events, views, table engine and collation") {
  if (!HasEngine("mysql")) return;
  CheckEachIsSeen("mysql", "verify_mysql_forgets",
                  {{2,
                    "procedure archive_items(IN older_than int(11)) added (NOT DETERMINISTIC CONTAINS SQL SQL "
                    "SECURITY DEFINER BODY "},
                   {3, "function add_tax(cents bigint(20)) added (RETURNS bigint(20) DETERMINISTIC CONTAINS SQL"},
                   {4, "trigger items.items_default_note added (BEFORE INSERT FOR EACH ROW SET NEW.note = "},
                   {5, "event purge_items added (EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE BODY "},
                   {6, "view noted_items added (select `items`.`id` AS `id`,`items`.`note` AS `note` from `items` "},
                   {7, "table items changed from \"ENGINE=InnoDB COLLATE utf8mb4_general_ci\" to \"ENGINE=MyISAM"},
                   {8,
                    "table items changed from \"ENGINE=MyISAM COLLATE utf8mb4_general_ci\" to \"ENGINE=MyISAM COLLATE "
                    "latin1_general_ci\"; column items.note changed"},
                   {9,
                    "function note_length(n varchar(100)) changed from \"RETURNS int(11) DETERMINISTIC CONTAINS SQL "
                    "SQL SECURITY DEFINER BODY "},
                   {10,
                    "table items changed from \"ENGINE=MyISAM COLLATE latin1_general_ci\" to \"ENGINE=MyISAM COLLATE "
                    "latin1_general_ci COMMENT 'things'\""}});
  std::string schema = CheckRightDownsPass("mysql", "verify_mysql_kinds");
  CHECK(Contains(schema, "WITH CASCADED CHECK OPTION"));
  CHECK(Contains(schema, "COMMENT 'adds VAT' BODY "));
  CHECK_FALSE(Contains(schema, "goose_db_version"));
  CHECK_FALSE(Contains(schema, "gander_lock"));
}

TEST_CASE("verify: SQLite triggers, views and CHECK constraints, compared as normalized SQL") {
  CheckEachIsSeen("sqlite3", "verify_sqlite_forgets",
                  {{2, "constraint items.check (length(note) < 200) added (CHECK (length(note) < 200))"},
                   {3,
                    "trigger items.items_default_note added (create trigger items_default_note after insert on "
                    "items when new.note is null begin update items set note = 'new' where id = new.id; end)"},
                   {4,
                    "view short_notes added (create view short_notes as select id from items where length(note) "
                    "< 10)"},
                   {5,
                    "view noted_items changed from \"create view noted_items as select id, note from items where "
                    "note is not null\" to \"create view noted_items as select id, note, length(note) as size"}});
  std::string schema = CheckRightDownsPass("sqlite3", "verify_sqlite_kinds");
  CHECK(Contains(schema, "\ncolumn items.id: INTEGER PRIMARY KEY AUTOINCREMENT\n"));
}
