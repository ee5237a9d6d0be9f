// gander's PostgreSQL DSN parser (db/dsn.h) against libpq's own: for every
// DSN both accept, the keywords and values are the same; every DSN gander
// accepts libpq accepts too; and the connection string gander hands libpq
// (db/client_options.h) reads back as exactly what gander parsed. The
// gander binary never links libpq (its driver is a module); this test does.
#include <libpq-fe.h>

#include <map>
#include <random>
#include <set>

#include <doctest/doctest.h>

#include "db/client_options.h"
#include "db/dsn.h"

using namespace gander;

namespace {

using Options = std::map<std::string, std::string>;

// libpq's reading: every keyword given a value; false if libpq refuses the text.
bool LibpqReads(const std::string& text, Options* out, std::string* error = nullptr) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &message);
  out->clear();
  if (options == nullptr) {
    if (error != nullptr) *error = message ? message : "";
    PQfreemem(message);
    return false;
  }
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr) (*out)[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return true;
}

// gander's reading, as libpq would store it: the last value of each keyword.
bool GanderReads(const std::string& text, Options* out) {
  Dsn dsn;
  out->clear();
  if (!ParsePostgresDsn(text, &dsn).ok()) return false;
  for (const auto& [key, value] : dsn.options) (*out)[key] = value;
  return true;
}

// The keywords the linked libpq knows.
const std::set<std::string>& LibpqKeywords() {
  static const std::set<std::string> keywords = [] {
    std::set<std::string> k;
    PQconninfoOption* defaults = PQconndefaults();
    for (PQconninfoOption* o = defaults; o != nullptr && o->keyword != nullptr; ++o) k.insert(o->keyword);
    PQconninfoFree(defaults);
    return k;
  }();
  return keywords;
}

std::string Show(const Options& o) {
  std::string s;
  for (const auto& [k, v] : o) s += k + "=[" + v + "] ";
  return s;
}

}  // namespace

TEST_CASE("libpq and gander read the same DSNs the same way") {
  const char* dsns[] = {
      "host=h port=5432 user=u password=p dbname=d",
      "host=h user=u password = S3cret dbname=d",
      "  host = h\tuser=u\npassword='a b\\'c\\\\d' dbname=d ",
      "password=a\\ b\\\\c user='x'dbname=y",
      "password='' user=u",
      "password=it's user=u",
      "password='@/?%:#&=,;' sslpassword='k e y' host=h",
      "application_name=x options='-c search_path=app'",
      "postgres://u:p@h/db",
      "postgresql://u:p%40ss%2Fw%3Frd%25%3A@h:5433/d%20b?sslmode=disable&application_name=me@laptop",
      "postgres://u@h1:5432,h2,[::1]:5434/db?target_session_attrs=read-write",
      "postgres://:pw@h/db",
      "postgres://u:@h/db",
      "postgres://u:a:b@h/db",
      "postgres://h/db?password=x%26y&user=z",
      "postgres://h?ssl=true",
      "postgres://",
      "postgres:///db?host=/run/postgresql",
      "postgres://u:p@[2001:db8::1]/db",
      "postgres://h/db?dbname=other&dbname=third",
  };
  for (const char* dsn : dsns) {
    CAPTURE(dsn);
    Options libpq, gander;
    std::string error;
    REQUIRE_MESSAGE(LibpqReads(dsn, &libpq, &error), error);
    REQUIRE(GanderReads(dsn, &gander));
    CHECK_MESSAGE(gander == libpq, "gander: " << Show(gander) << "\nlibpq:  " << Show(libpq));
  }
}

TEST_CASE("libpq refuses what gander refuses as malformed") {
  for (const char* dsn : {"host=h password", "host=h password='open", "postgres://u:S3cr%t!@h/db",
                          "postgres://u:p%00@h/db", "postgres://h/db?a", "postgres://h/db?a=b=c",
                          "postgres://[::1/db"}) {
    CAPTURE(dsn);
    Options o;
    CHECK_FALSE(LibpqReads(dsn, &o));
    CHECK_FALSE(GanderReads(dsn, &o));
  }
}

TEST_CASE("the connection string gander hands libpq reads back as what gander parsed") {
  for (const char* dsn : {"postgresql://u:p%27%5C%20x@h:5433/d%27b?sslmode=disable&search_path=app",
                          "host=h user=u password='a b\\'c\\\\' dbname=d", "postgres://u@h1,h2:5433/db"}) {
    CAPTURE(dsn);
    std::string conninfo, search_path;
    REQUIRE(PostgresConninfo(dsn, ClientDeadlines(), &conninfo, &search_path).ok());
    Options libpq, gander;
    REQUIRE(LibpqReads(conninfo, &libpq));
    REQUIRE(GanderReads(dsn, &gander));
    gander.erase("search_path");
    for (const char* added : {"connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
                              "keepalives_count", "tcp_user_timeout"}) {
      CHECK(libpq.count(added) == 1);
      if (!gander.count(added)) libpq.erase(added);
    }
    // Always gander's, as the SET after connecting made it (issue #21: no round trip of its own).
    CHECK(libpq["application_name"] == "gander");
    libpq.erase("application_name");
    CHECK_MESSAGE(gander == libpq, "gander: " << Show(gander) << "\nlibpq:  " << Show(libpq));
  }
  std::string conninfo, search_path;
  REQUIRE(PostgresConninfo("postgres://h/db?application_name=mine", ClientDeadlines(), &conninfo, &search_path).ok());
  Options libpq;
  REQUIRE(LibpqReads(conninfo, &libpq));
  CHECK(libpq["application_name"] == "gander");  // libpq takes a keyword's last value
}

TEST_CASE("random DSNs: whatever gander accepts, libpq accepts and reads the same") {
  std::mt19937 rng(20261126);
  const std::string alphabet = "aZ9 _-@/?%:'\\=&,[]#\t";
  const std::vector<std::string> keys = {"host", "user", "password", "dbname", "port", "sslpassword", "options"};
  auto pick = [&](const std::string& chars, size_t max) {
    std::string s;
    for (size_t n = rng() % (max + 1); n > 0; --n) s += chars[rng() % chars.size()];
    return s;
  };
  int both = 0, gander_stricter = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string dsn;
    if (rng() % 2) {
      dsn = std::string(rng() % 2 ? "postgres://" : "postgresql://") + pick(alphabet, 24);
      if (rng() % 2) dsn += "?" + keys[rng() % keys.size()] + "=" + pick(alphabet, 8);
    } else {
      for (int pairs = 1 + static_cast<int>(rng() % 3); pairs > 0; --pairs) {
        dsn += keys[rng() % keys.size()] + pick(" ", 1) + "=" + pick(" ", 1) + pick(alphabet, 10) + " ";
      }
    }
    CAPTURE(dsn);
    Options libpq, gander;
    bool libpq_ok = LibpqReads(dsn, &libpq);
    bool gander_ok = GanderReads(dsn, &gander);
    bool known = true;  // gander passes a keyword it does not know on, for libpq to judge
    for (const auto& [key, value] : gander) known = known && LibpqKeywords().count(key);
    if (gander_ok && known) {
      CHECK(libpq_ok);
      CHECK_MESSAGE(gander == libpq, "gander: " << Show(gander) << "\nlibpq:  " << Show(libpq));
      ++both;
    } else if (libpq_ok) {
      ++gander_stricter;  // refused on purpose: a raw '@', '/', '?' in a password, a port that is none ...
    }
  }
  MESSAGE(both << " DSNs read alike, " << gander_stricter << " refused by gander only");
  CHECK(both > 2000);
}

TEST_CASE("pgx's pool and cache settings (goose's DSNs) are accepted, dropped and never handed to libpq") {
  for (const char* dsn :
       {"postgres://u:pw@h:5433/d?sslmode=disable&pool_max_conns=10&default_query_exec_mode=simple_protocol"
        "&statement_cache_capacity=0",
        "host=h user=u password=pw pool_max_conns=10 dbname=d pool_health_check_period=1m "
        "description_cache_capacity=0"}) {
    CAPTURE(dsn);
    Options libpq;
    std::string error;
    CHECK_FALSE(LibpqReads(dsn, &libpq, &error));  // libpq alone refuses them ...
    CHECK(error.find("invalid") != std::string::npos);
    Dsn parsed;
    REQUIRE(ParsePostgresDsn(dsn, &parsed).ok());  // ... gander reads the rest
    CHECK(parsed.host == "h");
    CHECK(parsed.user == "u");
    CHECK(parsed.database == "d");
    CHECK(parsed.ignored.size() == 3);
    CHECK(parsed.ignored[0] == "pool_max_conns");
    for (const auto& [key, value] : parsed.options) CHECK(LibpqKeywords().count(key) == 1);
    std::string conninfo, search_path;
    REQUIRE(PostgresConninfo(dsn, ClientDeadlines(), &conninfo, &search_path).ok());
    CHECK(conninfo.find("pool_") == std::string::npos);
    REQUIRE(LibpqReads(conninfo, &libpq, &error));
    CHECK(libpq["password"] == "pw");
  }
  // A pgx key still ends an unquoted password's value as any key does.
  Dsn parsed;
  CHECK(ParsePostgresDsn("host=h password=a b pool_max_conns=2", &parsed).code() == StatusCode::kInvalid);
  CHECK(ParsePostgresDsn("host=h password=ab pool_max_conns=2", &parsed).ok());
  CHECK(parsed.password == "ab");
}
