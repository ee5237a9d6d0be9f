#include "reliability/ledger.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "reliability/timed_run.h"

namespace gander::test {
namespace {

// Direct runs after a fault: a stale session of the faulty run may still
// hold the lock for a moment; nothing here may hang the suite.
constexpr auto kDirectDeadline = std::chrono::seconds(90);
const std::vector<std::string> kDirectFlags = {"--lock-timeout", "30"};

LedgerStatement Note(const std::string& note) {
  return {"INSERT INTO ledger (note) VALUES ('" + note + "');", note, ""};
}

LedgerStatement Table(const std::string& table) { return {"CREATE TABLE " + table + " (id INTEGER);", "", table}; }

std::string Cell(const Row& row, size_t i) { return i < row.size() ? row[i].value_or("") : ""; }

bool Present(const LedgerStatement& s, const LedgerState& state) {
  if (!s.note.empty()) {
    auto it = state.notes.find(s.note);
    return it != state.notes.end() && it->second > 0;
  }
  return state.tables.count(s.table) > 0;
}

}  // namespace

std::string CreateLedgerSql() { return "CREATE TABLE ledger (note VARCHAR(40) NOT NULL)"; }

std::string LedgerSet::Write(const TempDir& dir, const std::string& name) const {
  for (const LedgerMigration& m : migrations) {
    std::string text = "-- +goose Up\n";
    if (no_transaction) text += "-- +goose NO TRANSACTION\n";
    std::string down;
    for (const LedgerStatement& s : m.up) {
      text += s.sql + "\n";
      down = (s.note.empty() ? "DROP TABLE " + s.table : "DELETE FROM ledger WHERE note = '" + s.note + "'") +
             ";\n" + down;
    }
    dir.Write(name + "/" + m.file, text + "-- +goose Down\n" + down);
  }
  return dir.Join(name);
}

LedgerSet ThreeMigrations(bool no_transaction) {
  std::string x = no_transaction ? "n" : "m", y = no_transaction ? "u" : "t";
  LedgerSet set;
  set.no_transaction = no_transaction;
  set.migrations = {
      {1, "00001_first.sql", {Note(x + "1a"), Table(y + "1")}},
      {2, "00002_second.sql", {Note(x + "2a"), Table(y + "2"), Note(x + "2b")}},
      {3, "00003_third.sql", {Note(x + "3a")}},
  };
  return set;
}

LedgerSet LongMigration(bool no_transaction, int statements) {
  LedgerSet set;
  set.no_transaction = no_transaction;
  set.migrations = {{1, "00001_before.sql", {Table("before_bulk")}}, {2, "00002_bulk.sql", {}}};
  for (int i = 1; i <= statements; ++i) set.migrations[1].up.push_back(Note("b" + std::to_string(i)));
  return set;
}

LedgerSet SlowThird(const std::string& engine, bool no_transaction) {
  std::string slow = engine == "postgres" ? "SELECT pg_sleep(2);"
                     : engine == "mysql"  ? "SELECT SLEEP(2);"
                                          : "WITH RECURSIVE c(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM c "
                                            "WHERE x < 5000000) SELECT count(*) FROM c;";
  LedgerSet set;
  set.no_transaction = no_transaction;
  set.migrations = {
      {1, "00001_first.sql", {Note("s1a"), Table("s1")}},
      {2, "00002_second.sql", {Note("s2a"), Table("s2")}},
      {3, "00003_slow.sql", {Note("s3a"), {slow, "", ""}, Note("s3b")}},
  };
  return set;
}

LedgerScratch::LedgerScratch(const std::string& engine, LedgerSet migrations)
    : db(engine), set(std::move(migrations)) {
  Status made = db.conn().Exec(CreateLedgerSql());
  REQUIRE_MESSAGE(made.ok(), made.ToString());
  db.Reconnect();  // no SQLite reader left open while gander writes
  dir = set.Write(temp, "m");
}

bool ReadLedgerState(ScratchDb& db, const std::string& dir, const LedgerSet& set, LedgerState* out,
                     std::string* error) {
  *out = LedgerState();
  TimedResult status = RunWithDeadline(Args(Target(db, dir), {"status", "--json"}), kDirectDeadline);
  nlohmann::json json = nlohmann::json::parse(status.run.out, nullptr, false);
  if (status.run.exit_code != 0 || !json.is_object()) {
    out->status_error = "`status` exit " + std::to_string(status.run.exit_code) + ": " + LastLine(status.run.err);
  } else {
    for (const auto& m : json["migrations"]) out->status_applied[m["version"].get<int64_t>()] = m["applied"].get<bool>();
    if (json["dirty"].is_object()) {
      const auto& d = json["dirty"];
      out->dirty = LedgerState::Dirty{d["version"].get<int64_t>(), d["statements_done"].get<int>(),
                                      d["in_flight"].get<bool>()};
    }
  }
  db.Reconnect();
  Connection& conn = db.conn();
  std::vector<Row> rows;
  Status st = conn.Query("SELECT note, COUNT(*) FROM ledger GROUP BY note", &rows);
  if (!st.ok()) {
    *error = "reading the ledger: " + st.ToString();
    return false;
  }
  for (const Row& row : rows) out->notes[Cell(row, 0)] = std::stoi(Cell(row, 1));
  auto exists = [&](const std::string& table, bool* yes) {
    std::vector<Row> found;
    Status ok = conn.Query(conn.dialect().TableExists(table), &found);
    *yes = !found.empty();
    if (!ok.ok()) *error = "looking for table " + table + ": " + ok.ToString();
    return ok.ok();
  };
  for (const LedgerMigration& m : set.migrations) {
    for (const LedgerStatement& s : m.up) {
      bool yes = false;
      if (s.table.empty()) continue;
      if (!exists(s.table, &yes)) return false;
      if (yes) out->tables.insert(s.table);
    }
  }
  bool tracking = false;
  if (!exists("goose_db_version", &tracking)) return false;
  if (!tracking) return true;
  rows.clear();
  st = conn.Query("SELECT version_id, COUNT(*) FROM goose_db_version WHERE is_applied = " +
                      conn.dialect().BoolLiteral(true) + " GROUP BY version_id",
                  &rows);
  if (!st.ok()) {
    *error = "reading the tracking table: " + st.ToString();
    return false;
  }
  for (const Row& row : rows) out->records[std::stoll(Cell(row, 0))] = std::stoi(Cell(row, 1));
  return true;
}

namespace {

// "first one (and 41 more)": one line per migration however long it is.
std::string FirstAndCount(const std::vector<std::string>& items) {
  if (items.size() == 1) return items[0];
  return items[0] + " (and " + std::to_string(items.size() - 1) + " more like it)";
}

}  // namespace

// Counts per migration: a migration applied twice, a migration whose marks
// and records disagree.
Verdict Judge(const LedgerSet& set, const LedgerState& state) {
  Verdict v;
  v.complete = !state.dirty && state.status_error.empty();
  if (!state.status_error.empty()) {
    ++v.unexplained;
    v.problems.push_back(state.status_error);
  }
  for (const LedgerMigration& m : set.migrations) {
    std::string name = "migration " + std::to_string(m.version);
    auto rec = state.records.find(m.version);
    int records = rec == state.records.end() ? 0 : rec->second;
    bool dirty_here = state.dirty && state.dirty->version == m.version;
    std::vector<std::string> twice, disagree;
    if (records > 1) twice.push_back("it is recorded " + std::to_string(records) + " times");
    for (size_t i = 0; i < m.up.size(); ++i) {
      const LedgerStatement& s = m.up[i];
      auto note = state.notes.find(s.note);
      if (!s.note.empty() && note != state.notes.end() && note->second > 1) {
        twice.push_back("ledger row " + s.note + " was inserted " + std::to_string(note->second) + " times");
      }
      if (s.note.empty() && s.table.empty()) continue;  // leaves no mark to check
      bool present = Present(s, state);
      if (!present) v.complete = false;
      bool expected;  // what the records say this statement's mark must be
      if (records > 0) {
        expected = true;
      } else if (dirty_here) {
        int done = state.dirty->done;
        if (static_cast<int>(i) == done && state.dirty->in_flight) continue;  // may or may not have run
        expected = static_cast<int>(i) < done;
      } else {
        expected = false;
      }
      if (present != expected) {
        std::string what = s.note.empty() ? "table " + s.table : "ledger row " + s.note;
        std::string records_say = records > 0 ? "it is recorded as applied"
                                  : dirty_here ? "status says dirty after " + std::to_string(state.dirty->done) +
                                                     " statements" + (state.dirty->in_flight ? " (+1 in flight)" : "")
                                               : "it is neither recorded nor dirty";
        disagree.push_back("statement " + std::to_string(i + 1) + ": " + what + (present ? " exists" : " is missing") +
                           " but " + records_say);
      }
    }
    auto said = state.status_applied.find(m.version);
    if (state.status_error.empty() && (said == state.status_applied.end() || said->second != (records > 0))) {
      disagree.push_back("`status` disagrees with the tracking table");
    }
    if (dirty_here && records > 0) disagree.push_back("it is both recorded as applied and reported dirty");
    if (!twice.empty()) {
      ++v.double_applies;
      v.problems.push_back(name + " applied twice: " + FirstAndCount(twice));
    }
    if (!disagree.empty()) {
      ++v.unexplained;
      v.problems.push_back(name + " unexplained: " + FirstAndCount(disagree));
    }
    if (records != 1 || !twice.empty()) v.complete = false;
  }
  return v;
}

bool FinishJob(ScratchDb& db, const std::string& dir, const LedgerSet& set, const LedgerState& state,
               std::string* why) {
  if (state.dirty) {
    std::vector<std::string> resume = {"resume"};
    for (const LedgerMigration& m : set.migrations) {
      if (m.version != state.dirty->version || !state.dirty->in_flight) continue;
      size_t i = static_cast<size_t>(state.dirty->done);
      if (i < m.up.size() && m.up[i].table.empty()) {  // a data statement (or one without a mark: redo it)
        resume = {"resume", "--in-flight", Present(m.up[i], state) ? "done" : "redo"};
      }
    }
    TimedResult r = RunWithDeadline(Args(Args(Target(db, dir), resume), kDirectFlags), kDirectDeadline);
    if (r.run.exit_code != 0) {
      *why = "`resume` exit " + std::to_string(r.run.exit_code) + ": " + LastLine(r.run.err);
      return false;
    }
  }
  TimedResult up = RunWithDeadline(Args(Args(Target(db, dir), {"up"}), kDirectFlags), kDirectDeadline);
  if (up.run.exit_code != 0) {
    *why = "`up` exit " + std::to_string(up.run.exit_code) + ": " + LastLine(up.run.err);
    return false;
  }
  LedgerState after;
  std::string error;
  if (!ReadLedgerState(db, dir, set, &after, &error)) {
    *why = error;
    return false;
  }
  Verdict v = Judge(set, after);
  if (!v.complete) {
    *why = "after `up` the set is not applied exactly once";
    for (const std::string& p : v.problems) *why += "; " + p;
  }
  return v.complete;
}

}  // namespace gander::test
