#include "db/client_options.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace gander {
namespace {

// Whole seconds, rounded up.
long long Seconds(std::chrono::milliseconds ms) { return (ms.count() + 999) / 1000; }

std::string SecondsText(std::chrono::milliseconds ms) {
  std::string text = std::to_string(ms.count() / 1000.0);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + "s";
}

}  // namespace

ClientDeadlines ClientDeadlinesFor(std::chrono::milliseconds statement_limit,
                                   std::chrono::milliseconds migration_limit) {
  ClientDeadlines d;
  if (statement_limit.count() > 0) {
    d.reply = statement_limit + kReplyMargin;
    d.reply_origin = "--statement-timeout " + SecondsText(statement_limit) + " + " + SecondsText(kReplyMargin);
  } else if (migration_limit.count() > 0) {
    d.reply = migration_limit + kReplyMargin;
    d.reply_origin = "--migration-timeout " + SecondsText(migration_limit) + " + " + SecondsText(kReplyMargin);
  }
  return d;
}

Status PostgresConninfo(const std::string& dsn, const ClientDeadlines& deadlines, std::string* conninfo,
                        std::string* search_path) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParsePostgresDsn(dsn, &parsed));
  PostgresConninfo(parsed, deadlines, conninfo, search_path);
  return Status::OK();
}

void PostgresConninfo(const Dsn& parsed, const ClientDeadlines& deadlines, std::string* conninfo,
                      std::string* search_path) {
  conninfo->clear();
  search_path->clear();
  std::set<std::string> given;
  for (const auto& [key, value] : parsed.options) {
    if (key == "search_path" || key == "schema") {
      *search_path = value;
      continue;
    }
    *conninfo += (conninfo->empty() ? "" : " ") + key + "=" + QuoteLibpqValue(value);
    given.insert(key);
  }
  auto add = [&](const std::string& key, const std::string& value) {
    if (given.count(key)) return;  // the DSN's own value wins
    *conninfo += (conninfo->empty() ? "" : " ") + key + "=" + value;
  };
  if (deadlines.connect.count() > 0) add("connect_timeout", std::to_string(std::max<long long>(2, Seconds(deadlines.connect))));
  add("keepalives", "1");
  add("keepalives_idle", "30");
  add("keepalives_interval", "10");
  add("keepalives_count", "3");
  add("tcp_user_timeout", "60000");
  // Last, so that it wins over the DSN's (libpq takes a keyword's last
  // value), as the SET after connecting did: no round trip of its own.
  *conninfo += " application_name='gander'";
}

Status MysqlTimeoutsFor(const Dsn& dsn, const ClientDeadlines& deadlines, MysqlTimeouts* out) {
  auto seconds = [&](const char* key, std::chrono::milliseconds fallback, int* field) -> Status {
    std::chrono::milliseconds value = fallback;
    auto it = dsn.params.find(key);
    if (it != dsn.params.end() && !ParseDuration(it->second, &value).ok()) {
      return Status::Invalid("invalid duration \"" + it->second +
                             "\" in DSN: use a number of seconds or e.g. 10s, 500ms, 1m");
    }
    *field = static_cast<int>(Seconds(value));
    return Status::OK();
  };
  *out = MysqlTimeouts();
  GANDER_RETURN_IF_ERROR(seconds("timeout", deadlines.connect, &out->connect_seconds));
  GANDER_RETURN_IF_ERROR(seconds("readTimeout", deadlines.reply, &out->read_seconds));
  GANDER_RETURN_IF_ERROR(seconds("writeTimeout", deadlines.reply, &out->write_seconds));
  return Status::OK();
}

}  // namespace gander
