#include "db/dsn.h"

#include <doctest/doctest.h>

using namespace gander;

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

  REQUIRE(ParseMysqlDsn("app:pw@unix(/run/mysqld/mysqld.sock)/shop", &d).ok());
  CHECK(d.socket == "/run/mysqld/mysqld.sock");

  REQUIRE(ParseMysqlDsn("app@tcp(db)/shop", &d).ok());
  CHECK(d.port == 3306);
  CHECK(ParseMysqlDsn("app:pw@udp(db)/shop", &d).exit_code() == 2);
}

TEST_CASE("RedactDsn never leaves the password in any form") {
  const char* forms[] = {
      "postgres://app:Pa55%3Aw%40rd%2Fx@db:5432/shop?sslmode=disable",
      "postgres://app:Pa55:w@rd/x@db:5432/shop",
      "host=db user=app password=Pa55:w@rd/x dbname=shop",
      "host=db user=app password='Pa55:w@rd/x' dbname=shop",
      "mysql://app:Pa55:w@rd/x@db:3306/shop",
      "app:Pa55:w@rd/x@tcp(db:3306)/shop?parseTime=true",
      "postgres://app@db/shop?password=Pa55:w@rd/x",
  };
  for (const char* form : forms) {
    CAPTURE(form);
    std::string redacted = RedactDsn(form);
    CHECK(redacted.find("Pa55") == std::string::npos);
    CHECK(redacted.find("%3Aw") == std::string::npos);
    CHECK(redacted.find("***") != std::string::npos);
    CHECK(redacted.find("app") != std::string::npos);  // the rest stays readable
  }
  CHECK(RedactDsn("./app.db") == "./app.db");
  CHECK(RedactDsn("postgres://app@db:5432/shop") == "postgres://app@db:5432/shop");
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
