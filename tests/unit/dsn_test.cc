#include "db/dsn.h"

#include <algorithm>

#include <doctest/doctest.h>

#include "core/secret_scrubber.h"

using namespace gander;

namespace {

bool HasFragment(const std::string& text, const std::string& secret) { return !FindSecretFragment(text, secret).empty(); }

}  // namespace

TEST_CASE("PostgreSQL URLs and key=value strings") {
  Dsn d;
  REQUIRE(ParsePostgresDsn("postgres://app%40x:p%40ss@db.example:6543/shop?sslmode=require&search_path=app", &d).ok());
  CHECK(d.user == "app@x");
  CHECK(d.password == "p@ss");
  CHECK(d.host == "db.example");
  CHECK(d.port == 6543);
  CHECK(d.database == "shop");
  CHECK(d.params["sslmode"] == "require");
  CHECK(d.params["search_path"] == "app");

  REQUIRE(ParsePostgresDsn("host=db port=5432 user=app password='a b\\'c' dbname=shop sslmode=disable", &d).ok());
  CHECK(d.password == "a b'c");
  CHECK(d.database == "shop");
  CHECK(d.params["sslmode"] == "disable");

  Status bad = ParsePostgresDsn("not a dsn", &d);
  CHECK(bad.exit_code() == 2);
  CHECK(ParsePostgresDsn("host=db port=notaport", &d).exit_code() == 2);
  CHECK(ParsePostgresDsn("host=db port=notaport", &d).message() == "the DSN's port is not a number from 1 to 65535");
}

TEST_CASE("PostgreSQL: libpq's own syntax, read as libpq reads it") {
  Dsn d;
  // Blanks around '=', as libpq allows.
  REQUIRE(ParsePostgresDsn("host=h user=u password = S3cret dbname=d", &d).ok());
  CHECK(d.password == "S3cret");
  CHECK(d.database == "d");
  // Backslash escapes outside quotes too; a quoted value may run into the next key.
  REQUIRE(ParsePostgresDsn("password=a\\ b\\\\c user='x'dbname=y", &d).ok());
  CHECK(d.password == "a b\\c");
  CHECK(d.user == "x");
  CHECK(d.database == "y");
  // A URL with several hosts, an IPv6 host, libpq's ssl=true and a query that overrides the path.
  REQUIRE(ParsePostgresDsn("postgresql://u@h1:5432,[::1]:5433/db?ssl=true&dbname=other", &d).ok());
  CHECK(d.host == "h1,::1");
  CHECK(d.port == 0);
  CHECK(d.database == "other");
  CHECK(d.params["sslmode"] == "require");
  CHECK(d.options == std::vector<std::pair<std::string, std::string>>{
                         {"user", "u"}, {"host", "h1,::1"}, {"port", "5432,5433"}, {"dbname", "db"},
                         {"sslmode", "require"}, {"dbname", "other"}});
  // '?' and ':' in a percent-encoded password; an '@' in a query value.
  REQUIRE(ParsePostgresDsn("postgres://u:a%3Fb%3Ac%25@h/db?application_name=me@laptop", &d).ok());
  CHECK(d.password == "a?b:c%");
  CHECK(d.params["application_name"] == "me@laptop");
}

TEST_CASE("hostile passwords: refused with a message that holds no piece of them") {
  struct Case {
    std::string dsn, password, message;
  };
  const std::vector<Case> cases = {
      {"postgres://u:S3cr%t!@host/db", "S3cr%t!",
       "the DSN's password contains a '%' not followed by two hex digits; percent-encode '%' as %25"},
      {"postgres://u:hunter@2x@host/db", "hunter@2x",
       "the DSN's password contains an unencoded '@'; percent-encode it as %40"},
      {"postgres://u:hun/ter@host/db", "hun/ter",
       "the DSN's password contains an unencoded '/'; percent-encode it as %2F"},
      {"postgres://u:hun?ter@host/db", "hun?ter",
       "the DSN's password contains an unencoded '?'; percent-encode it as %3F"},
      {"postgresql://u:pa%00ss@host/db", "pa%00ss", "the DSN's password contains a percent-encoded zero byte, which libpq and MySQL refuse"},
      {"postgres://us@er:pass@host/db", "pass", "the DSN's user name contains an unencoded '@'; percent-encode it as %40"},
      {"mysql://u:S3cr%t!@host/db", "S3cr%t!",
       "the DSN's password contains a '%' not followed by two hex digits; percent-encode '%' as %25"},
      {"mysql://u:hunter@2x@host/db", "hunter@2x",
       "the DSN's password contains an unencoded '@'; percent-encode it as %40"},
      {"mysql://u:hun/ter@host/db", "hun/ter", "the DSN's password contains an unencoded '/'; percent-encode it as %2F"},
      {"mysql://u:hun?ter@host/db", "hun?ter", "the DSN's password contains an unencoded '?'; percent-encode it as %3F"},
      {"host=h password=two xyzzy dbname=d", "two xyzzy",
       "the value of password in the DSN holds a space, or is followed by a word that is not a key; quote it: "
       "password='...' (with \\' and \\\\ inside)"},
      {"host=h password=s3cr3t qqq dbname=d", "s3cr3t qqq",
       "the value of password in the DSN holds a space, or is followed by a word that is not a key; quote it: "
       "password='...' (with \\' and \\\\ inside)"},
      {"host=h password='xq7unterm1n", "xq7unterm1n", "the quoted value of password in the DSN never ends"},
      {"host=h password= dbname=d", "dbname=d",
       "the DSN's password= is followed by a space and then key=value, which libpq would take as its value; write "
       "password='' for an empty value"},
      {"host=h sslpassword=k3y zzz word=x", "k3y zzz",
       "the value of sslpassword in the DSN holds a space, or is followed by a word that is not a key; quote it: "
       "sslpassword='...' (with \\' and \\\\ inside)"},
      {"postgres://u@h/db?password=a=b", "a=b",
       "the DSN's parameter \"password\" holds an unencoded '='; percent-encode it as %3D"},
      {"postgres://u@h/db?password=ab%zz", "ab%zz",
       "the DSN's parameter \"password\" contains a '%' not followed by two hex digits; percent-encode '%' as %25"},
      {"postgres://host?application_name=a@b", "application_name",
       "the DSN has an unencoded '@' in its query and no '/' before it: libpq would read the text before it as a "
       "user name; percent-encode the '@' as %40"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.dsn);
    Dsn d;
    bool mysql = c.dsn.rfind("mysql", 0) == 0;
    Status st = mysql ? ParseMysqlDsn(c.dsn, &d) : ParsePostgresDsn(c.dsn, &d);
    CHECK(st.exit_code() == 2);
    CHECK(st.message() == c.message);
    if (c.password != "application_name") CHECK_FALSE(HasFragment(st.message(), c.password));
    // Shown masked after the scheme, whole.
    std::string redacted = RedactDsn(c.dsn);
    CHECK_FALSE(HasFragment(redacted, c.password));
    CHECK(redacted.find("***") != std::string::npos);
  }
}

TEST_CASE("MySQL URLs and goose's tcp()/unix() forms") {
  Dsn d;
  REQUIRE(ParseMysqlDsn("mysql://app:secret@db:3307/shop", &d).ok());
  CHECK(d.user == "app");
  CHECK(d.password == "secret");
  CHECK(d.host == "db");
  CHECK(d.port == 3307);
  CHECK(d.database == "shop");

  REQUIRE(ParseMysqlDsn("app:se:cr@t@tcp(10.0.0.5:3306)/shop?parseTime=true", &d).ok());
  CHECK(d.user == "app");
  CHECK(d.password == "se:cr@t");
  CHECK(d.host == "10.0.0.5");
  CHECK(d.database == "shop");
  CHECK(d.params["parseTime"] == "true");

  // go-sql-driver takes the password as written: '/', '?', '@', '%' and quotes included.
  REQUIRE(ParseMysqlDsn("app:p/a?s@s%t'\"\\ x@tcp(db:3306)/shop", &d).ok());
  CHECK(d.password == "p/a?s@s%t'\"\\ x");
  CHECK(d.database == "shop");

  REQUIRE(ParseMysqlDsn("app:pw@unix(/run/mysqld/mysqld.sock)/shop", &d).ok());
  CHECK(d.socket == "/run/mysqld/mysqld.sock");

  REQUIRE(ParseMysqlDsn("app@tcp(db)/shop", &d).ok());
  CHECK(d.port == 3306);
  CHECK(ParseMysqlDsn("app:pw@udp(db)/shop", &d).exit_code() == 2);
  CHECK(ParseMysqlDsn("mysql://a@h1,h2/db", &d).exit_code() == 2);
}

TEST_CASE("RedactDsn masks exactly what the parser read as secret") {
  CHECK(RedactDsn("postgres://app:Pa55%3Aw%40rd%2Fx@db:5432/shop?sslmode=disable") ==
        "postgres://app:***@db:5432/shop?sslmode=disable");
  CHECK(RedactDsn("host=db user=app password = Pa55:w@rd/x dbname=shop") == "host=db user=app password = *** dbname=shop");
  CHECK(RedactDsn("host=db user=app password='Pa55 w@rd/x' dbname=shop") == "host=db user=app password=*** dbname=shop");
  CHECK(RedactDsn("host=db sslpassword=k3y sslkey=/k passfile=/home/u/.pgpass") ==
        "host=db sslpassword=*** sslkey=/k passfile=/home/u/.pgpass");
  CHECK(RedactDsn("mysql://app:Pa55%3Aw%40rd@db:3306/shop") == "mysql://app:***@db:3306/shop");
  CHECK(RedactDsn("app:Pa55:w@rd/x@tcp(db:3306)/shop?parseTime=true") == "app:***@tcp(db:3306)/shop?parseTime=true");
  CHECK(RedactDsn("postgres://app@db/shop?password=Pa55%3Aw&sslmode=disable") ==
        "postgres://app@db/shop?password=***&sslmode=disable");
  CHECK(RedactDsn("mysql://app@db/shop?password=x1y2z3") == "mysql://app@db/shop?password=***");
  CHECK(RedactDsn("postgres://u:a@b:c@db/shop") == "postgres://***");
  CHECK(RedactDsn("u:p@w@tcp(db:3306") == "***");
  CHECK(RedactDsn("./app.db") == "./app.db");
  CHECK(RedactDsn("file:app.db?mode=ro") == "file:app.db?mode=ro");
  CHECK(RedactDsn("/home/me@corp/app.db") == "/home/me@corp/app.db");
  CHECK(RedactDsn("postgres://app@db:5432/shop") == "postgres://app@db:5432/shop");
  CHECK(RedactPostgresDsn("host=db password=two words") == "***");
  CHECK(RedactMysqlDsn("mysql://u:pw%zz@h/db") == "mysql://***");
}

// Found by dsn_fuzz: MySQL's user@tcp(...) form reads a key=value DSN whose
// password holds "@/" as a user name, with no secret in it.
TEST_CASE("a key=value DSN read as MySQL's user@ form shows no piece of its password") {
  CHECK(RedactMysqlDsn("host=db user=app password='Pa55 w@/rd' dbname=shop") == "***");
  CHECK(RedactDsn("host=db password=Pa55 w@/rd dbname=shop") == "***");
  CHECK(RedactMysqlDsn("app@tcp(db:3306)/shop") == "app@tcp(db:3306)/shop");
  CHECK(RedactDsn("/home/me@corp/app.db") == "/home/me@corp/app.db");
}

TEST_CASE("DsnSecrets: the parsed secrets, and guesses for a DSN no form parses") {
  CHECK(DsnSecrets("postgres://u:p%40ss@h/db") == std::vector<std::string>{"p@ss", "p%40ss"});
  CHECK(DsnSecrets("./app.db").empty());
  std::vector<std::string> guessed = DsnSecrets("postgres://u:hunter@2x@host/db");
  CHECK(std::find(guessed.begin(), guessed.end(), "hunter@2x") != guessed.end());
  CHECK(std::find(guessed.begin(), guessed.end(), "hunter") != guessed.end());
  guessed = DsnSecrets("host=h password=two words dbname=d");
  CHECK(std::find(guessed.begin(), guessed.end(), "two") != guessed.end());
  CHECK(std::find(guessed.begin(), guessed.end(), "two words dbname=d") != guessed.end());
}

TEST_CASE("secret parameters") {
  for (const char* name : {"password", "sslpassword", "PASSWORD", "pass", "pwd", "oauth_client_secret", "scram_client_key"}) {
    CAPTURE(name);
    CHECK(IsSecretParameter(name));
  }
  for (const char* name : {"passfile", "sslkey", "user", "sslmode"}) CHECK_FALSE(IsSecretParameter(name));
}

TEST_CASE("PostgreSQL DSN for another database or a schema keeps its form and password") {
  std::string out;
  REQUIRE(PostgresDsnForDatabase("postgres://u:p@h:5432/app?sslmode=disable", "tenant_07", &out).ok());
  CHECK(out == "postgres://u:p@h:5432/tenant_07?sslmode=disable");
  REQUIRE(PostgresDsnForDatabase("postgresql://u@h", "x y", &out).ok());
  CHECK(out == "postgresql://u@h/x%20y");
  REQUIRE(PostgresDsnForDatabase("host=h user=u password=p dbname=app", "t1", &out).ok());
  Dsn parsed;
  REQUIRE(ParsePostgresDsn(out, &parsed).ok());
  CHECK(parsed.database == "t1");
  CHECK(parsed.password == "p");

  REQUIRE(PostgresDsnForSchema("postgres://u:p@h/app?sslmode=disable", "tenant_01", &out).ok());
  CHECK(out == "postgres://u:p@h/app?sslmode=disable&search_path=tenant_01");
  REQUIRE(PostgresDsnForSchema("postgres://u:p@h/app", "tenant_01", &out).ok());
  CHECK(out == "postgres://u:p@h/app?search_path=tenant_01");
  REQUIRE(PostgresDsnForSchema("host=h dbname=app", "tenant_01", &out).ok());
  REQUIRE(ParsePostgresDsn(out, &parsed).ok());
  CHECK(parsed.params.at("search_path") == "tenant_01");
  CHECK_FALSE(PostgresDsnForSchema("postgres://h/app?search_path=a", "b", &out).ok());
  CHECK_FALSE(PostgresDsnForDatabase("mysql://h/app", "b", &out).ok());
}

TEST_CASE("MySQL DSN for another database, in either form") {
  std::string out;
  REQUIRE(MysqlDsnForDatabase("mysql://u:p@h:3306/app?tls=false", "shard_02", &out).ok());
  CHECK(out == "mysql://u:p@h:3306/shard_02?tls=false");
  REQUIRE(MysqlDsnForDatabase("u:p@tcp(h:3306)/app?parseTime=true", "shard_02", &out).ok());
  CHECK(out == "u:p@tcp(h:3306)/shard_02?parseTime=true");
  REQUIRE(MysqlDsnForDatabase("u:p@unix(/run/mysqld/mysqld.sock)/app", "s1", &out).ok());
  CHECK(out == "u:p@unix(/run/mysqld/mysqld.sock)/s1");
}
