#include "db/client_options.h"

#include <doctest/doctest.h>

using namespace gander;
using std::chrono::milliseconds;

TEST_CASE("the reply deadline follows --statement-timeout, else --migration-timeout, plus a margin") {
  ClientDeadlines none = ClientDeadlinesFor(milliseconds(0), milliseconds(0));
  CHECK(none.connect == milliseconds(10000));
  CHECK(none.reply == milliseconds(0));
  CHECK(none.reply_origin.empty());
  ClientDeadlines statement = ClientDeadlinesFor(milliseconds(1500), milliseconds(60000));
  CHECK(statement.reply == milliseconds(6500));
  CHECK(statement.reply_origin == "--statement-timeout 1.5s + 5s");
  ClientDeadlines migration = ClientDeadlinesFor(milliseconds(0), milliseconds(600000));
  CHECK(migration.reply == milliseconds(605000));
  CHECK(migration.reply_origin == "--migration-timeout 600s + 5s");
}

TEST_CASE("libpq's connection string: rebuilt from the parsed keywords, search_path taken out, gander's defaults added") {
  ClientDeadlines d;
  std::string conninfo, search_path;
  // Whatever the DSN's form, libpq gets quoted key=value pairs of what gander read.
  REQUIRE(PostgresConninfo("postgres://u:p%27%5C@h/db?sslmode=disable&search_path=app", d, &conninfo, &search_path).ok());
  CHECK(conninfo == "user='u' password='p\\'\\\\' host='h' dbname='db' sslmode='disable' connect_timeout=10 keepalives=1 "
                    "keepalives_idle=30 keepalives_interval=10 keepalives_count=3 tcp_user_timeout=60000 application_name='gander'");
  CHECK(search_path == "app");
  REQUIRE(PostgresConninfo("postgresql://h/db", d, &conninfo, &search_path).ok());
  CHECK(conninfo.rfind("host='h' dbname='db' connect_timeout=10 keepalives=1 ", 0) == 0);
  CHECK(search_path.empty());
  REQUIRE(PostgresConninfo("postgres://h/db?search_path=s&sslmode=disable", d, &conninfo, &search_path).ok());
  CHECK(conninfo.rfind("host='h' dbname='db' sslmode='disable' connect_timeout=10 ", 0) == 0);

  d.connect = milliseconds(1200);  // libpq's minimum is 2 s
  REQUIRE(PostgresConninfo("host=h dbname=d connect_timeout=3 keepalives_idle=5 schema=t", d, &conninfo, &search_path)
              .ok());
  CHECK(conninfo == "host='h' dbname='d' connect_timeout='3' keepalives_idle='5' keepalives=1 keepalives_interval=10 "
                    "keepalives_count=3 tcp_user_timeout=60000 application_name='gander'");
  CHECK(search_path == "t");
  // gander's application_name comes last and wins (libpq takes the last), as the SET after connecting did.
  REQUIRE(PostgresConninfo("host=h application_name=mine", d, &conninfo, &search_path).ok());
  CHECK(conninfo.find("application_name='mine'") < conninfo.find("application_name='gander'"));
  CHECK(conninfo.size() - conninfo.rfind(" application_name='gander'") == std::string(" application_name='gander'").size());
  REQUIRE(PostgresConninfo("host=h dbname=d", d, &conninfo, &search_path).ok());
  CHECK(conninfo.rfind("host='h' dbname='d' connect_timeout=2 ", 0) == 0);
  CHECK(PostgresConninfo("nonsense", d, &conninfo, &search_path).exit_code() == 2);
}

TEST_CASE("MySQL's timeouts: the DSN's timeout, readTimeout and writeTimeout win") {
  ClientDeadlines d = ClientDeadlinesFor(milliseconds(1500), milliseconds(0));
  Dsn dsn;
  REQUIRE(ParseMysqlDsn("u:p@tcp(h:3306)/db", &dsn).ok());
  MysqlTimeouts t;
  REQUIRE(MysqlTimeoutsFor(dsn, d, &t).ok());
  CHECK(t.connect_seconds == 10);
  CHECK(t.read_seconds == 7);  // 6.5 s, rounded up
  CHECK(t.write_seconds == 7);
  REQUIRE(ParseMysqlDsn("u:p@tcp(h:3306)/db?timeout=3s&readTimeout=1m&parseTime=true", &dsn).ok());
  REQUIRE(MysqlTimeoutsFor(dsn, ClientDeadlines(), &t).ok());
  CHECK(t.connect_seconds == 3);
  CHECK(t.read_seconds == 60);
  CHECK(t.write_seconds == 0);
  REQUIRE(ParseMysqlDsn("mysql://u:p@h/db?timeout=soon", &dsn).ok());
  Status bad = MysqlTimeoutsFor(dsn, ClientDeadlines(), &t);
  CHECK(bad.exit_code() == 2);
  CHECK(bad.message() == "invalid duration \"soon\" in DSN: use a number of seconds or e.g. 10s, 500ms, 1m");
}

TEST_CASE("durations: Go's forms and plain seconds") {
  milliseconds ms;
  auto parse = [&](const char* text) { return ParseDuration(text, &ms).ok() ? ms.count() : -1; };
  CHECK(parse("10s") == 10000);
  CHECK(parse("500ms") == 500);
  CHECK(parse("1m30s") == 90000);
  CHECK(parse("2h") == 7200000);
  CHECK(parse("1.5") == 1500);
  CHECK(parse("0") == 0);
  for (const char* bad : {"", "s", "10x", "1.5.2s", "10 s", "-1s", "5s3"}) {
    CAPTURE(bad);
    CHECK(parse(bad) == -1);
  }
}
