// Client-side limits: how long gander waits for a server whatever the server
// or the network does (a frozen server or proxy, a half-open TCP connection),
// and how they become each client library's options. Pure: no connection.
#pragma once

#include <chrono>
#include <string>

#include "core/duration.h"  // ParseDuration, for the DSN timeouts
#include "core/status.h"
#include "db/dsn.h"

namespace gander {

// The client-side margin over a server-side limit: the server's own
// statement_timeout / max_statement_time answers first; the client deadline
// is for a server that does not answer at all.
inline constexpr std::chrono::milliseconds kReplyMargin{5000};

struct ClientDeadlines {
  // Connecting (TCP, TLS, authentication). A DSN's own value wins:
  // PostgreSQL `connect_timeout`, MySQL `timeout`.
  std::chrono::milliseconds connect{std::chrono::seconds(10)};
  // Waiting for the reply to one request (a statement, a lock attempt, a
  // COMMIT); zero: no limit (TCP keepalive still ends a connection whose
  // peer is gone). MySQL: a DSN's own `readTimeout` / `writeTimeout` win.
  std::chrono::milliseconds reply{0};
  // What the reply deadline comes from, for the error that reports it
  // ("--statement-timeout 30s + 5s").
  std::string reply_origin;
  // For commands that only read (status, version, history, plan, ...): a
  // SQLite file is never created (a missing one is an error instead of a new
  // empty database) and a read-only file or `mode=ro` URI is fine.
  // Servers are opened as usual.
  bool read_only = false;
};

// The deadlines that enforce --statement-timeout / --migration-timeout on the
// client too: a request may take as long as the statement limit (the
// migration limit when there is none) plus kReplyMargin. No limits: no reply
// deadline. The connect deadline is the default 10 s.
ClientDeadlines ClientDeadlinesFor(std::chrono::milliseconds statement_limit,
                                   std::chrono::milliseconds migration_limit);

// libpq's connection string for a gander PostgreSQL DSN, rebuilt from the
// keywords gander's parser read (db/dsn.h), each value quoted, so that libpq
// reads exactly those: `user='u' password='p' host='h' dbname='d' ...`
// whatever form the DSN had. The search_path / schema parameter is left out
// (libpq rejects it; its value goes to *search_path), and where the DSN sets
// none: connect_timeout (whole seconds, rounded up, at least 2, libpq's
// minimum), keepalives=1, keepalives_idle=30, keepalives_interval=10,
// keepalives_count=3 and tcp_user_timeout=60000 (ms of unacknowledged data);
// always, last: application_name='gander' (which wins over the DSN's, as
// libpq takes a keyword's last value; set while connecting, no round trip).
Status PostgresConninfo(const std::string& dsn, const ClientDeadlines& deadlines, std::string* conninfo,
                        std::string* search_path);
// The same for a DSN already parsed (ParsePostgresDsn): no second parse.
void PostgresConninfo(const Dsn& parsed, const ClientDeadlines& deadlines, std::string* conninfo,
                      std::string* search_path);

// Connector/C++'s OPT_CONNECT_TIMEOUT / OPT_READ_TIMEOUT / OPT_WRITE_TIMEOUT
// in whole seconds (0: none) for a parsed MySQL DSN: its `timeout`,
// `readTimeout`, `writeTimeout` (go-sql-driver durations: "30s", "500ms",
// "1m30s") win over `deadlines`. A malformed duration is Status::Invalid.
struct MysqlTimeouts {
  int connect_seconds = 0, read_seconds = 0, write_seconds = 0;
};
Status MysqlTimeoutsFor(const Dsn& dsn, const ClientDeadlines& deadlines, MysqlTimeouts* out);

}  // namespace gander
