#include "db/scrubbing_connection.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("every error of a connection passes the scrubber: an engine message naming the secret is masked") {
  char pattern[] = "/tmp/gander-scrub-XXXXXX";
  std::string dir = mkdtemp(pattern);
  // A file name that reads like userinfo: its "password" is a secret to the scrubber.
  std::string path = dir + "/app:Sekr1t-pw@host.db";
  std::unique_ptr<Connection> conn;
  REQUIRE(OpenConnection("sqlite3", path, &conn).ok());
  std::vector<Row> rows;
  Status st = conn->Query("SELECT * FROM \"Sekr1t-pw\"", &rows);
  CHECK_FALSE(st.ok());
  CHECK(st.message().find("Sekr1t") == std::string::npos);
  CHECK(st.message().find("***") != std::string::npos);
  CHECK(st.engine_code() == "1");  // everything but the text is kept
  CHECK(conn->Exec("CREATE TABLE ok (id INTEGER)").ok());
  conn.reset();
  std::remove(path.c_str());
  rmdir(dir.c_str());
}

TEST_CASE("ScrubberFor: the DSN's secrets, PGPASSWORD and the password file's passwords") {
  char pattern[] = "/tmp/gander-pgpass-XXXXXX";
  std::string dir = mkdtemp(pattern);
  std::string passfile = dir + "/pgpass";
  std::ofstream(passfile) << "# comment\n*:*:*:app:From-Pass\\:File\ndb:5432:shop:ops:0ther-Pass\n";
  setenv("PGPASSWORD", "Env-Passw0rd", 1);
  SecretScrubber s = ScrubberFor("postgres", "host=db user=app password='Dsn-Passw0rd' passfile=" + passfile);
  unsetenv("PGPASSWORD");
  CHECK(s.Scrub("a Dsn-Passw0rd b Env-Passw0rd c From-Pass:File d 0ther-Pass") == "a *** b *** c *** d ***");
  CHECK(s.Scrub(passfile) == passfile);  // the path is no secret
  // Another engine's scrubber knows only its DSN.
  CHECK(ScrubberFor("mysql", "u:My-Passw0rd@tcp(h:3306)/db").Scrub("My-Passw0rd From-Pass") == "*** From-Pass");
  std::remove(passfile.c_str());
  rmdir(dir.c_str());
}
