#include "reliability/relay_case.h"

#include <set>

#include "db/dsn.h"

namespace gander::test {
namespace {

// Modest limits, so that a gander that enforces them finishes well inside
// the suite's deadline; small retry delays, so that retries are quick.
const std::vector<std::string> kRelayFlags = {"--statement-timeout", "2", "--migration-timeout", "5",
                                              "--lock-timeout",      "3", "--max-retries",       "2",
                                              "--retry-base-delay",  "50"};
constexpr auto kSlowChunk = std::chrono::milliseconds(30);
const char* const kRecordOf2 = "(version_id, is_applied) VALUES (2,";

bool Dropping(FaultMode m) { return m == FaultMode::kDropBefore || m == FaultMode::kDropAfter; }

// Where the server knows exactly what happened and a new connection works,
// gander must finish the run on its own: a migration rolled back with its
// transaction is run again, one whose record committed is counted as done.
bool MustSucceed(const RelayCase& c) {
  if (c.mode == FaultMode::kPass || c.mode == FaultMode::kSlow) return true;
  if (!Dropping(c.mode) || c.later) return false;
  return c.phase == "record" || c.phase == "commit" || (c.phase == "statement" && !c.no_transaction);
}

std::string ShellQuote(const std::string& text) {
  if (text.find('\'') == std::string::npos) return "'" + text + "'";
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '$' || ch == '`' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string Reproduction(const RelayCase& c, const Fault& f, const std::string& dsn) {
  std::string relay = "gander_relay --to " + std::to_string(DsnPort(dsn)) + " --mode " + FaultModeName(f.mode);
  if (!f.trigger.empty()) relay += " --trigger " + ShellQuote(f.trigger);
  if (!f.after.empty()) relay += " --after " + ShellQuote(f.after);
  if (f.mode == FaultMode::kSlow) relay += " --delay-ms " + std::to_string(f.delay.count());
  if (f.later_connections_too) relay += " --later";
  std::string via = RedactDsn(dsn);
  std::string port = ":" + std::to_string(DsnPort(dsn));
  via.replace(via.rfind(port), port.size(), ":RELAY_PORT");
  std::string gander = "gander -dir DIR " + c.engine + " '" + via + "' " + c.command;
  if (c.command == "up") {
    for (const std::string& flag : kRelayFlags) gander += " " + flag;
  }
  return relay + "  &&  " + gander;
}

// The relay connections that wrote to the database (a statement of the
// migrations, a marker, a record, an event) before they took the migration
// lock: a session re-opened behind gander's back, say.
std::vector<std::string> UnlockedWriters(const std::string& transcript, const std::string& lock_call) {
  std::set<std::string> locked, reported;
  std::vector<std::string> unlocked;
  size_t start = 0;
  while (start < transcript.size()) {
    size_t end = transcript.find('\n', start);
    std::string line = transcript.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? transcript.size() : end + 1;
    size_t prompt = line.find("> ");
    if (prompt == std::string::npos) continue;
    std::string id = line.substr(0, prompt);
    if (line.find(lock_call) != std::string::npos) locked.insert(id);
    // The SQL starts after the protocol's few header bytes (shown as dots).
    std::string head = line.substr(prompt + 2, 16);
    bool writes = false;
    for (const char* verb : {"INSERT ", "DELETE ", "UPDATE ", "CREATE ", "DROP ", "ALTER "}) {
      size_t at = head.find(verb);
      writes = writes || (at != std::string::npos && at <= 8);
    }
    if (writes && !locked.count(id) && reported.insert(id).second) unlocked.push_back(id);
  }
  return unlocked;
}

}  // namespace

std::string RelayCase::Name() const {
  std::string set = command != "up" ? " " : no_transaction ? " NO TRANSACTION " : " transactional ";
  std::string name = engine + set + FaultModeName(mode) + " at " + phase;
  if (later) name += ", stays broken";
  if (command != "up") name += " (" + command + ")";
  return name;
}

Fault AimAt(const RelayCase& c) {
  Fault f;
  f.mode = c.mode;
  f.later_connections_too = c.later;
  f.delay = kSlowChunk;
  bool pg = c.engine == "postgres";
  std::string x = c.no_transaction ? "n" : "m", y = c.no_transaction ? "u" : "t";
  if (c.phase == "auth") f.trigger = pg ? "SCRAM-SHA-256" : "mysql_native_password";
  if (c.phase == "lock") f.trigger = pg ? "pg_try_advisory_lock" : "GET_LOCK(";
  if (c.phase == "statement") f.trigger = "VALUES ('" + x + "2a')";
  if (c.phase == "ddl") f.trigger = "CREATE TABLE " + y + "2 ";
  if (c.phase == "marker") {
    f.trigger = "_dirty";
    f.after = "('" + x + "2a')";
  }
  if (c.phase == "record") f.trigger = kRecordOf2;
  if (c.phase == "commit") {
    f.trigger = "COMMIT";
    f.after = kRecordOf2;
  }
  if (c.phase == "snapshot") f.trigger = "\"previous_sha256\"";  // only in the snapshot's body
  return f;
}

RelayOutcome RunRelayCase(const RelayCase& c, std::chrono::milliseconds deadline) {
  RelayOutcome o;
  o.c = c;
  try {
    LedgerScratch scratch(c.engine, ThreeMigrations(c.no_transaction));  // throws (caught below) if it fails
    ScratchDb& db = scratch.db;
    const LedgerSet& set = scratch.set;
    const std::string& m = scratch.dir;
    Fault fault = AimAt(c);
    o.reproduce = Reproduction(c, fault, db.dsn());
    std::string transcript;
    {
      Relay relay(DsnPort(db.dsn()), fault);
      std::vector<std::string> args = {"-dir", m, c.engine, DsnWithPort(db.dsn(), relay.port()), c.command};
      if (c.command == "up") args = Args(args, kRelayFlags);
      o.run = RunWithDeadline(args, deadline);
      o.fired = relay.fired();
      o.connections = relay.connections();
      transcript = relay.Transcript();
    }  // stopped: every server session of the faulty run ends here
    int exit_code = o.run.run.exit_code;
    for (const std::string& id : UnlockedWriters(transcript, AimAt({c.engine, false, "lock"}).trigger)) {
      o.problems.push_back("connection " + id.substr(1) + " wrote to the database without taking the migration "
                           "lock first");
    }
    if (o.run.hang) {
      o.problems.push_back("hang: gander was still running after " + std::to_string(static_cast<int>(o.run.seconds)) +
                           " s and was killed");
    }
    if (c.mode != FaultMode::kPass && !o.fired) {
      o.problems.push_back("the fault never struck: its trigger was not seen (aim it anew in AimAt)");
    }
    if (!o.run.hang && exit_code != 0 && LastLine(o.run.run.err).rfind("gander: ", 0) != 0) {
      o.problems.push_back("exit " + std::to_string(exit_code) + " without a one-line `gander: ...` error: " +
                           LastLine(o.run.run.err));
    }
    LedgerState state;
    std::string error;
    if (!ReadLedgerState(db, m, set, &state, &error)) {
      o.problems.push_back("reading the database: " + error);
      return o;
    }
    o.after = Judge(set, state);
    for (const std::string& p : o.after.problems) o.problems.push_back("right after the fault: " + p);
    if (c.command == "up" && !o.run.hang && exit_code == 0 && !o.after.complete) {
      o.problems.push_back("exit 0, but the set is not applied exactly once");
    }
    if (c.command == "up" && MustSucceed(c) && (exit_code != 0 || !o.after.complete)) {
      o.problems.push_back("the server knew the outcome and the connection could be re-opened, yet gander did "
                           "not finish the run: exit " + std::to_string(exit_code) + ": " + LastLine(o.run.run.err));
    }
    std::string why;
    if (!FinishJob(db, m, set, state, &why)) o.problems.push_back("finishing directly: " + why);
    if (!o.passed()) o.transcript = transcript;
  } catch (const std::exception& e) {
    o.problems.push_back(std::string("the case stopped: ") + e.what());
  } catch (...) {
    o.problems.push_back("the case stopped on a failed assertion");
  }
  return o;
}

std::vector<RelayCase> RelayCases(const std::vector<std::string>& engines, bool long_profile) {
  std::vector<RelayCase> cases;
  for (const std::string& engine : engines) {
    if (engine == "sqlite3") continue;  // no network to fault
    for (bool notx : {false, true}) {
      auto add = [&](const std::string& phase, FaultMode mode, bool later = false) {
        cases.push_back(RelayCase{engine, notx, phase, mode, later, "up"});
      };
      add("run", FaultMode::kPass);
      add("connect", FaultMode::kSlow);
      if (!long_profile) {
        add("statement", FaultMode::kDropBefore);
        add("commit", FaultMode::kDropAfter);
        add("commit", FaultMode::kFreezeReplies);
        if (notx) {
          add("statement", FaultMode::kDropAfter);
          add("marker", FaultMode::kDropBefore);
        } else {
          add("lock", FaultMode::kFreeze);
        }
        continue;
      }
      for (const char* phase : {"connect", "auth", "lock", "statement", "ddl", "marker", "record", "commit", "snapshot"}) {
        // A transaction on PostgreSQL holds DDL too: no marker is written.
        if (std::string(phase) == "marker" && !notx && engine == "postgres") continue;
        for (FaultMode mode : {FaultMode::kDropBefore, FaultMode::kDropAfter, FaultMode::kFreeze, FaultMode::kFreezeReplies}) {
          add(phase, mode);
        }
      }
      add("commit", FaultMode::kDropAfter, true);
      add("commit", FaultMode::kFreezeReplies, true);
      add("statement", FaultMode::kFreeze, true);
    }
    for (const char* command : {"status", "up"}) {
      if (!long_profile && std::string(command) == "up") continue;
      cases.push_back(RelayCase{engine, false, "connect", FaultMode::kBlackHole, false, command});
    }
  }
  return cases;
}

}  // namespace gander::test
