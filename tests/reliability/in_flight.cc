#include "reliability/in_flight.h"

#include <signal.h>

#include <thread>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace gander::test {

InFlightUp::InFlightUp(const std::string& engine, bool no_transaction)
    : scratch_(engine, SlowThird(engine, no_transaction)) {}

int InFlightUp::Run(const std::vector<std::string>& command) {
  TimedResult r = RunWithDeadline(Args(Target(db(), dir()), command), std::chrono::seconds(90));
  if (r.run.exit_code != 0) MESSAGE("gander " << command[0] << ": " << r.run.err);
  return r.run.exit_code;
}

bool InFlightUp::Recorded(int64_t version) {
  std::vector<Row> rows;
  Status st = db().conn().Query("SELECT COUNT(*) FROM goose_db_version WHERE version_id = " + std::to_string(version), &rows);
  return st.ok() && !rows.empty() && rows[0][0].value_or("0") != "0";
}

bool InFlightUp::Start(const std::vector<std::string>& extra) {
  process_ = std::make_unique<GanderProcess>(Args(Args(Target(db(), dir()), {"up"}), extra));
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!Recorded(2)) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Migration 3's INSERT takes milliseconds; its slow statement 2 s.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  db().Reconnect();  // a SQLite reader must not hold the file while gander writes
  return true;
}

void InFlightUp::Signal(int signal) { kill(process_->pid(), signal); }

TimedResult InFlightUp::Wait(std::chrono::milliseconds deadline) { return WaitWithDeadline(*process_, deadline); }

LedgerState InFlightUp::State() {
  LedgerState state;
  std::string error;
  REQUIRE_MESSAGE(ReadLedgerState(db(), dir(), set(), &state, &error), error);
  return state;
}

std::vector<std::map<std::string, std::string>> InFlightUp::History() {
  RunResult r = RunGander(Args(Target(db(), dir()), {"history", "--json"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::vector<std::map<std::string, std::string>> events;
  nlohmann::json json = nlohmann::json::parse(r.out);
  for (const auto& e : json["events"]) {
    std::map<std::string, std::string> fields;
    for (const auto& [key, value] : e.items()) fields[key] = value.is_string() ? value.get<std::string>() : value.dump();
    events.push_back(fields);
  }
  return events;
}

}  // namespace gander::test
