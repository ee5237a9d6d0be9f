#include "core/datasum.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("row encoding tells NULL, the empty string and shifted values apart") {
  CHECK(EncodeRow({std::nullopt}) != EncodeRow({std::string()}));
  CHECK(EncodeRow({std::string("ab"), std::string("c")}) != EncodeRow({std::string("a"), std::string("bc")}));
  CHECK(EncodeRow({std::string("1:x")}) != EncodeRow({std::string("1"), std::string("x")}));
}

TEST_CASE("a table's sum depends on its rows, not their order") {
  TableSum a = SumTable("t", {EncodeRow({std::string("1")}), EncodeRow({std::string("2")})});
  TableSum b = SumTable("t", {EncodeRow({std::string("2")}), EncodeRow({std::string("1")})});
  TableSum c = SumTable("t", {EncodeRow({std::string("1")}), EncodeRow({std::string("3")})});
  CHECK(a == b);
  CHECK(a.rows == 2);
  CHECK(a != c);
  CHECK(a.Hex().size() == 16);
  CHECK(SumTable("t", {}).rows == 0);
  // A duplicated row counts: two copies are not one.
  CHECK(SumTable("t", {"x", "x"}) != SumTable("t", {"x"}));
}

TEST_CASE("CRC-64 is xz's CRC-64/XZ (ECMA-182) over length-framed rows") {
  // Pinned against an independent bit-by-bit CRC-64/XZ of "9\n123456789"
  // (whose check value for "123456789" alone is the standard 995dc9bbdf1939fa):
  // sums are compared across runs and machines, so the algorithm must not drift.
  CHECK(SumTable("t", {"123456789"}).Hex() == "307493cf6a34f2a8");
}

TEST_CASE("a default taken from the clock or a random source at insert time is recognised on every engine") {
  // As the schema readers print column definitions.
  CHECK(DefaultTakenAtInsert("TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"));                     // SQLite
  CHECK(DefaultTakenAtInsert("TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))"));               // SQLite
  CHECK(DefaultTakenAtInsert("timestamp with time zone NOT NULL DEFAULT now()"));                   // PostgreSQL
  CHECK(DefaultTakenAtInsert("timestamp without time zone DEFAULT clock_timestamp()"));             // PostgreSQL
  CHECK(DefaultTakenAtInsert("uuid NOT NULL DEFAULT gen_random_uuid()"));                           // PostgreSQL
  CHECK(DefaultTakenAtInsert("timestamp(6) NOT NULL DEFAULT current_timestamp(6)"));                // MariaDB
  CHECK(DefaultTakenAtInsert("datetime DEFAULT current_timestamp() on update current_timestamp()"));  // MariaDB
  // Constants, no default, and a clock only in ON UPDATE keep the column compared.
  CHECK_FALSE(DefaultTakenAtInsert("INTEGER NOT NULL DEFAULT 0"));
  CHECK_FALSE(DefaultTakenAtInsert("text NOT NULL"));
  CHECK_FALSE(DefaultTakenAtInsert("varchar(20) DEFAULT 'pending'"));
  CHECK_FALSE(DefaultTakenAtInsert("datetime DEFAULT '2000-01-01 00:00:00' on update current_timestamp()"));
  // The word must be in the default, not in the column's type or name.
  CHECK_FALSE(DefaultTakenAtInsert("timestamp NOT NULL"));
}
