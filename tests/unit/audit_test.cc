#include "core/audit.h"

#include <doctest/doctest.h>

#include "core/checksum.h"

using namespace gander;

namespace {

// A chain of `n` snapshots of one database, as the recorder writes them.
struct Chain {
  std::vector<StoredSnapshot> rows;
  std::vector<SnapshotFile> files;
};

Chain MakeChain(int n, const std::string& database_id = "db1", const std::string& fingerprint = "fp") {
  Chain c;
  std::string previous;
  for (int seq = 1; seq <= n; ++seq) {
    nlohmann::json s = {{"format", kSnapshotFormat}, {"seq", seq}, {"database_id", database_id},
                        {"previous_sha256", previous.empty() ? nlohmann::json() : nlohmann::json(previous)},
                        {"finished_at", "2026-11-26T00:00:0" + std::to_string(seq) + ".000Z"},
                        {"schema", {{"fingerprint", fingerprint}}}};
    std::string bytes = SerializeSnapshot(s);
    c.rows.push_back({seq, Sha256Hex(bytes), bytes});
    c.files.push_back({"20261126T00000" + std::to_string(seq) + "Z-00000" + std::to_string(seq) + "-up.json", bytes});
    previous = Sha256Hex(bytes);
  }
  return c;
}

std::string Messages(const std::vector<AuditFinding>& findings) {
  std::string all;
  for (const AuditFinding& f : findings) all += std::to_string(f.snapshot) + ": " + f.message + "\n";
  return all;
}

}  // namespace

TEST_CASE("UTC times and snapshot file names sort in chain order and round-trip the sequence number") {
  auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1795656310123LL));
  CHECK(FormatUtc(t) == "2026-11-26T01:25:10.123Z");
  CHECK(SnapshotFileName(t, 7, "down") == "20261126T012510Z-000007-down.json");
  CHECK(SnapshotSeqFromFileName("20261126T012510Z-000007-down.json") == 7);
  CHECK(SnapshotSeqFromFileName("20261126T012510Z-1234567-up-to.json") == 1234567);
  CHECK_FALSE(SnapshotSeqFromFileName("notes.json"));
  CHECK_FALSE(SnapshotSeqFromFileName("20261126T012510Z-00x007-down.json"));
}

TEST_CASE("an intact chain has no findings") {
  Chain c = MakeChain(3);
  CHECK(VerifyAuditTrail(c.rows, c.files, "fp").empty());
  CHECK(VerifyAuditTrail({}, {}, "fp").empty());
}

TEST_CASE("each kind of tampering is found and names its snapshot") {
  SUBCASE("a file edited by one byte") {
    Chain c = MakeChain(3);
    c.files[1].bytes[5] ^= 1;
    auto f = VerifyAuditTrail(c.rows, c.files, "fp");
    REQUIRE(f.size() == 1);
    CHECK(f[0].snapshot == 2);
    CHECK(f[0].message.find("differs from the copy in the database") != std::string::npos);
  }
  SUBCASE("a file deleted") {
    Chain c = MakeChain(3);
    c.files.erase(c.files.begin());
    auto f = VerifyAuditTrail(c.rows, c.files, "fp");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message == "snapshot 1: its file is missing from the snapshot folder");
  }
  SUBCASE("a row edited with its hash recomputed still breaks the next link") {
    Chain c = MakeChain(3);
    c.rows[1].body.insert(2, " ");
    c.rows[1].sha256 = Sha256Hex(c.rows[1].body);
    std::string all = Messages(VerifyAuditTrail(c.rows, c.files, "fp"));
    CHECK(all.find("3: snapshot 3 does not link to the snapshot before it") != std::string::npos);
    CHECK(all.find("2: snapshot 2: file") != std::string::npos);
  }
  SUBCASE("a row edited without its hash") {
    Chain c = MakeChain(2);
    c.rows[0].body += " ";
    CHECK(Messages(VerifyAuditTrail(c.rows, c.files, "fp")).find("snapshot 1 in the database was edited") !=
          std::string::npos);
  }
  SUBCASE("a row deleted") {
    Chain c = MakeChain(4);
    c.rows.erase(c.rows.begin() + 1);
    std::string all = Messages(VerifyAuditTrail(c.rows, c.files, "fp"));
    CHECK(all.find("snapshot 2 is missing from the database: the chain jumps to 3") != std::string::npos);
    CHECK(all.find("is not part of the database's chain (no snapshot 2") != std::string::npos);
  }
  SUBCASE("the schema changed by hand since the last snapshot") {
    Chain c = MakeChain(2);
    auto f = VerifyAuditTrail(c.rows, c.files, "other");
    REQUIRE(f.size() == 1);
    CHECK(f[0].snapshot == 2);
    CHECK(f[0].message.find("changed outside gander since 2026-11-26T00:00:02.000Z") != std::string::npos);
  }
}

TEST_CASE("snapshots of another database in the same folder are ignored") {
  Chain mine = MakeChain(2, "db1"), theirs = MakeChain(3, "db2");
  std::vector<SnapshotFile> files = mine.files;
  for (SnapshotFile f : theirs.files) {
    f.name = "20261127" + f.name.substr(8);
    files.push_back(f);
  }
  CHECK(VerifyAuditTrail(mine.rows, files, "fp").empty());
}

TEST_CASE("history events carry what an auditor asks for") {
  AuditEvent e;
  e.id = 3;
  e.version = 42;
  e.direction = "down";
  e.outcome = "rolled_back";
  e.duration_ms = 1.5;
  e.user = "alice";
  nlohmann::json j = EventToJson(e);
  CHECK(j["version"] == 42);
  CHECK(j["outcome"] == "rolled_back");
  CHECK(j["duration_ms"] == 1.5);
  CHECK(j["user"] == "alice");
}

TEST_CASE("a snapshot rendered array by array has exactly the bytes of the whole tree") {
  nlohmann::json steps = nlohmann::json::array();
  for (int i = 0; i < 3; ++i) steps.push_back({{"version", i}, {"file", "00" + std::to_string(i) + "_a.sql"}, {"error", nullptr}});
  nlohmann::json objects = nlohmann::json::array({{{"kind", "table"}, {"name", "t"}, {"definition", "id int\nname"}},
                                                  {{"kind", "index"}, {"name", "t.i"}, {"definition", "bad \xff utf8"}}});
  nlohmann::json tree = {{"seq", 7}, {"migrations", steps}, {"schema", {{"fingerprint", "ab"}, {"objects", objects}}},
                         {"applied", nlohmann::json::array()}};
  nlohmann::json head = tree;
  head["migrations"] = SnapshotArrayPlaceholder(0);
  head["schema"]["objects"] = SnapshotArrayPlaceholder(1);
  std::vector<SnapshotArray> arrays = {{steps.size(), [&](size_t i) { return SnapshotElementText(steps[i]); }},
                                       {objects.size(), [&](size_t i) { return SnapshotElementText(objects[i]); }}};
  CHECK(SerializeSnapshot(head, arrays) == SerializeSnapshot(tree));
  // Empty arrays print as [] like dump does.
  tree["migrations"] = nlohmann::json::array();
  CHECK(SerializeSnapshot(head, {{0, nullptr}, arrays[1]}) == SerializeSnapshot(tree));
}

TEST_CASE("a rollback without a down part has a note; any other event has none") {
  AuditEvent e;
  e.direction = "down";
  e.outcome = "rolled_back";
  e.statements = 0;
  CHECK(EventNote(e) == "no down part: recorded as rolled back without running anything");
  CHECK(EventToJson(e)["note"] == "no down part: recorded as rolled back without running anything");
  e.checksum = std::string(64, 'a');  // an empty Down section: present, so it has a checksum
  CHECK(EventNote(e).empty());
  CHECK_FALSE(EventToJson(e).contains("note"));
  e.checksum.clear();
  e.direction = "up";
  e.outcome = "applied";
  CHECK(EventNote(e).empty());
  e.direction = "down";
  e.outcome = "failed";
  CHECK(EventNote(e).empty());
}
