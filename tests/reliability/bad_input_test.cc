// Bad-input suite: a generated corpus of malformed and hostile migration
// folders (unterminated quotes and dollar quotes, nested comments, stray
// annotations, NUL bytes, invalid UTF-8, a 10 MB statement, many tiny files,
// symlink loops, odd names, duplicate versions ...). For each: no crash, no
// hang, a one-line error naming the file (or a clean run where the input is
// valid after all), and a database left exactly as it was on error.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <doctest/doctest.h>

#include "core/secret_scrubber.h"
#include "integration/harness.h"
#include "reliability/figures.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

struct Case {
  std::string name;
  std::map<std::string, std::string> files;  // file name -> bytes
  bool may_succeed = false;                   // valid input in disguise
};

std::string Goose(const std::string& up, const std::string& down = "SELECT 1;\n") {
  return "-- +goose Up\n" + up + "\n-- +goose Down\n" + down;
}

std::vector<Case> Corpus() {
  std::vector<Case> cases;
  // Broken SQL text, each placed in the up part, the down part, after a good
  // statement, and inside a StatementBegin block.
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"unterminated single quote", "INSERT INTO t VALUES ('abc);"},
      {"unterminated double quote", "SELECT \"abc;"},
      {"unterminated backtick", "SELECT `abc;"},
      {"unterminated dollar quote", "DO $$ BEGIN PERFORM 1; END;"},
      {"unterminated tagged dollar quote", "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;"},
      {"mismatched dollar tags", "SELECT $a$ x $b$;"},
      {"unterminated block comment", "/* never closed\nSELECT 1;"},
      {"nested block comments", "/* outer /* inner */ still comment? */ SELECT 1;"},
      {"no final semicolon", "SELECT 1"},
      {"only a semicolon", ";"},
      {"NUL byte", std::string("SELECT 1;\0SELECT 2;", 20)},
      {"invalid UTF-8", "SELECT '\xff\xfe\xc3\x28';"},
      {"overlong UTF-8", "SELECT '\xc0\xaf';"},
      {"lone CR line ends", "SELECT 1;\rSELECT 2;\r"},
      {"statement end without begin", "SELECT 1;\n-- +goose StatementEnd"},
      {"statement begin without end", "-- +goose StatementBegin\nSELECT 1;"},
      {"nested statement begin", "-- +goose StatementBegin\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd"},
      {"unknown annotation", "-- +goose Sideways\nSELECT 1;"},
      {"annotation with trailing junk", "-- +goose StatementBegin please\nSELECT 1;\n-- +goose StatementEnd"},
      {"ENVSUB of an unset variable", "-- +goose ENVSUB ON\nSELECT '${GANDER_SURELY_UNSET_VARIABLE}';"},
      {"ENVSUB unterminated", "-- +goose ENVSUB ON\nSELECT '${HOME';"},
      {"semicolon in a comment only", "-- ;\n-- ;"},
      {"very long line", "SELECT '" + std::string(200000, 'x') + "';"},
      {"deeply nested parentheses", "SELECT " + std::string(5000, '(') + "1" + std::string(5000, ')') + ";"},
      {"control characters", "SELECT '\x01\x02\x1b[31m';"},
  };
  const std::vector<std::string> places = {"up", "down", "after a good statement", "in a block"};
  for (const auto& [what, sql] : broken) {
    for (const std::string& place : places) {
      std::string text;
      if (place == "up") text = Goose(sql);
      if (place == "down") text = Goose("SELECT 1;", sql);
      if (place == "after a good statement") text = Goose("SELECT 1;\n" + sql);
      if (place == "in a block") text = Goose("-- +goose StatementBegin\n" + sql + "\n-- +goose StatementEnd");
      cases.push_back({what + " (" + place + ")", {{"00001_bad.sql", text}}, true});
      // The same file after a good one, and as the paired form.
      cases.push_back({what + " (" + place + ", second file)",
                       {{"00001_good.sql", Goose("CREATE TABLE good_one (id INTEGER);", "DROP TABLE good_one;")},
                        {"00002_bad.sql", text}}, true});
    }
    cases.push_back({what + " (paired up file)", {{"00001_x.up.sql", sql}, {"00001_x.down.sql", "SELECT 1;"}}, true});
    cases.push_back({what + " (paired down file)", {{"00001_x.up.sql", "SELECT 1;"}, {"00001_x.down.sql", sql}}, true});
  }
  // Structure of the file and the folder.
  cases.push_back({"no up annotation", {{"00001_x.sql", "SELECT 1;\n"}}});
  cases.push_back({"two up sections", {{"00001_x.sql", "-- +goose Up\nSELECT 1;\n-- +goose Up\nSELECT 2;\n"}}});
  cases.push_back({"down before up", {{"00001_x.sql", "-- +goose Down\nSELECT 1;\n-- +goose Up\nSELECT 2;\n"}}});
  cases.push_back({"empty file", {{"00001_x.sql", ""}}});
  cases.push_back({"BOM only", {{"00001_x.sql", "\xef\xbb\xbf"}}});
  cases.push_back({"whitespace only", {{"00001_x.sql", " \n\t\n"}}});
  cases.push_back({"duplicate versions", {{"00001_a.sql", Goose("SELECT 1;")}, {"1_b.sql", Goose("SELECT 1;")}}});
  cases.push_back({"duplicate with paired", {{"00001_a.sql", Goose("SELECT 1;")}, {"00001_a.up.sql", "SELECT 1;"}}});
  cases.push_back({"paired up without down", {{"00001_a.up.sql", "CREATE TABLE only_up (id INTEGER);"}}, true});
  // A down-only version is an up that does nothing, as golang-migrate reads it (#19).
  cases.push_back({"paired down without up", {{"00001_a.down.sql", "SELECT 1;"}}, true});
  cases.push_back({"version overflow", {{"99999999999999999999999_x.sql", Goose("SELECT 1;")}}});
  cases.push_back({"version zero", {{"0_x.sql", Goose("SELECT 1;")}}});
  cases.push_back({"negative-looking name", {{"-1_x.sql", Goose("SELECT 1;")}}, true});
  cases.push_back({"name with spaces", {{"00001_hello world.sql", Goose("CREATE TABLE spaced (id INTEGER);")}}, true});
  cases.push_back({"unicode name", {{"00001_h\xc3\xa9llo_\xe6\x97\xa5\xe6\x9c\xac.sql", Goose("CREATE TABLE uni (id INTEGER);")}}, true});
  cases.push_back({"invalid UTF-8 name", {{"00001_\xff\xfe.sql", Goose("CREATE TABLE badname (id INTEGER);")}}, true});
  // Control characters in a file name would break the one-line output or steer a terminal: refused, escaped.
  for (const auto& [what, name] : std::vector<std::pair<std::string, std::string>>{
           {"newline", "00001_a\nb.sql"}, {"carriage return", "00001_a\rb.sql"}, {"tab", "00001_tab\t.sql"},
           {"SOH", "00001_\x01x.sql"}, {"ESC sequence", "00001_\x1b[31mred.sql"}, {"DEL", "00001_del\x7f.sql"},
           {"C1 CSI", "00001_c1\xc2\x9b.sql"}, {"newline in a paired up file", "00001_a\n.up.sql"}}) {
    cases.push_back({"control character in the file name: " + what, {{name, Goose("CREATE TABLE ctl (id INTEGER);")}}});
  }
  cases.push_back({"10 MB single statement",
                   {{"00001_big.sql", Goose("INSERT INTO big VALUES ('" + std::string(10 << 20, 'y') + "');")}}});
  return cases;
}

// Runs `up` with a 20 s deadline; a run still going is a hang.
RunResult UpWithDeadline(const ScratchDb& db, const std::string& dir, bool* hung) {
  GanderProcess p(Args(Target(db, dir), {"up"}));
  // GanderProcess has no poll: a helper thread kills it at the deadline.
  std::atomic<bool> done{false};
  std::thread watchdog([&] {
    for (int i = 0; i < 2000 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!done) {
      *hung = true;
      p.Kill();
    }
  });
  RunResult r = p.Wait();
  done = true;
  watchdog.join();
  return r;
}

}  // namespace

TEST_CASE("bad-input corpus: a clear one-line error for each, no crash, no hang, no database change") {
  std::vector<Case> corpus = Corpus();
  REQUIRE(corpus.size() >= 200);
  SuiteFigures figures{"bad input corpus sqlite3", 0, 0, 0, ""};
  int rejected = 0, accepted = 0, crashes = 0, hangs = 0;
  for (const Case& c : corpus) {
    CAPTURE(c.name);
    ScratchDb db("sqlite3");
    TempDir dir;
    for (const auto& [name, bytes] : c.files) dir.Write("m/" + name, bytes);
    bool hung = false;
    RunResult r = UpWithDeadline(db, dir.Join("m"), &hung);
    ++figures.runs;
    ++figures.faults;
    if (hung) ++hangs;
    if (r.exit_code >= 128) ++crashes;
    CHECK_FALSE(hung);
    CHECK(r.exit_code < 128);
    if (r.exit_code == 0) {
      ++accepted;
      CHECK_MESSAGE(c.may_succeed, "accepted: " << r.out);
      continue;
    }
    ++rejected;
    // One line, prefixed, naming a file of the case (or the folder).
    CHECK(r.err.rfind("gander: up: ", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK((r.exit_code == 1 || r.exit_code == 2 || r.exit_code == 3));
    bool names_file = false;
    for (const auto& [name, bytes] : c.files) names_file = names_file || Contains(r.err, name.substr(0, 5));
    CHECK_MESSAGE(names_file, r.err);
    if (c.name.rfind("control character in the file name", 0) == 0) {
      CHECK(r.exit_code == 2);
      CHECK(Contains(r.err, "holds a control character"));
      CHECK(r.err.find_first_of("\r\t\x01\x1b\x7f") == std::string::npos);  // shown escaped
      CHECK(r.err.find("\xc2\x9b") == std::string::npos);
    }
    // Whatever was rejected changed nothing: no table of gander's, none of the case's.
    auto tables = db.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'goose_db_version%' AND name NOT LIKE 'sqlite_%'"
                           " AND name <> 'good_one'");
    if (!tables.empty()) ++figures.inconsistencies;
    CHECK(tables.empty());
  }
  figures.note = std::to_string(rejected) + " rejected, " + std::to_string(accepted) + " valid after all, " +
                 std::to_string(crashes) + " crashes, " + std::to_string(hangs) + " hangs";
  RecordFigures(figures);
}

TEST_CASE("hostile folders: symlink loops, unreadable files, FIFOs, oversize files, bad versions, many tiny files") {
  SuiteFigures figures{"hostile folders sqlite3", 0, 0, 0, ""};
  {
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.Write("m/00001_ok.sql", Goose("CREATE TABLE ok (id INTEGER);", "DROP TABLE ok;"));
    REQUIRE(symlink("00002_loop.sql", dir.Join("m/00002_loop.sql").c_str()) == 0);
    REQUIRE(symlink("..", dir.Join("m/00003_dir_loop.sql").c_str()) == 0);
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
    ++figures.runs;
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "00002_loop.sql"));
    CHECK_FALSE(db.TableExists("ok"));
  }
  if (geteuid() != 0) {  // root reads everything
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.Write("m/00001_secret.sql", Goose("SELECT 1;"));
    chmod(dir.Join("m/00001_secret.sql").c_str(), 0);
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
    ++figures.runs;
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "00001_secret.sql"));
  }
  {
    // A FIFO and a symlink to /dev/zero named as migrations (#18): refused at
    // once as not regular files, not read forever.
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.Write("m/00001_ok.sql", Goose("CREATE TABLE ok (id INTEGER);", "DROP TABLE ok;"));
    REQUIRE(mkfifo(dir.Join("m/00002_fifo.sql").c_str(), 0600) == 0);
    REQUIRE(symlink("/dev/zero", dir.Join("m/00003_zero.sql").c_str()) == 0);
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"up"}));
    ++figures.runs;
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "00002_fifo.sql"));
    CHECK(Contains(r.err, "is not a regular file"));
    CHECK_FALSE(db.TableExists("ok"));
  }
  {
    // A file over the size cap (--max-file-mb) is refused naming it; the cap can be raised.
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.Write("m/00001_big.sql", Goose("CREATE TABLE big (v TEXT);\nINSERT INTO big VALUES ('" +
                                       std::string(3 << 20, 'z') + "');", "DROP TABLE big;"));
    RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"--max-file-mb", "2", "up"}));
    ++figures.runs;
    CHECK(r.exit_code == 2);
    CHECK(Contains(r.err, "00001_big.sql"));
    CHECK(Contains(r.err, "raise it with --max-file-mb"));
    CHECK_FALSE(db.TableExists("big"));
    CHECK(RunGander(Args(Target(db, dir.Join("m")), {"--max-file-mb", "4", "up"})).exit_code == 0);
  }
  {
    // Version arguments that are no version: one line, exit 2, nothing recorded (#18).
    ScratchDb db("sqlite3");
    TempDir dir;
    dir.Write("m/00001_ok.sql", Goose("CREATE TABLE ok (id INTEGER);", "DROP TABLE ok;"));
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"force", "99999999999999999999999", "--yes"}, {"up-to", "-1"}, {"down-to", "1x"},
          {"force", "0x10", "--yes"}}) {
      CAPTURE(command[0]);
      RunResult bad = RunGander(Args(Target(db, dir.Join("m")), command));
      ++figures.runs;
      CHECK(bad.exit_code == 2);
      CHECK(Contains(bad.err, "not a version number"));
      CHECK(std::count(bad.err.begin(), bad.err.end(), '\n') == 1);
      CHECK_FALSE(db.TableExists("goose_db_version"));
    }
  }
  {
    // Many tiny files: discovery and validation stay linear and quick.
    int files = ProfileRuns(6) >= 50 ? 100000 : 20000;
    TempDir dir;
    for (int i = 1; i <= files; ++i) {
      char name[40];
      std::snprintf(name, sizeof name, "m/%06d_t.sql", i);
      dir.Write(name, "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n");
    }
    auto start = std::chrono::steady_clock::now();
    RunResult r = RunGander({"-dir", dir.Join("m"), "validate"});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++figures.runs;
    CHECK(r.exit_code == 0);
    CHECK(Contains(r.out, std::to_string(files) + " migrations are valid"));
    figures.note = std::to_string(files) + " tiny files validated in " + std::to_string(seconds).substr(0, 4) + " s";
  }
  RecordFigures(figures);
}

namespace {

// The tables of a database (gander's and the case's), whatever the engine.
int TableCount(ScratchDb& db) {
  const char* sql = db.driver() == "sqlite3" ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                    : db.driver() == "postgres"
                        ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
                        : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()";
  return std::stoi(db.Query(sql)[0][0]);
}

}  // namespace

TEST_CASE("hostile table names: each engine's limit, checked before anything is touched") {
  for (const std::string& engine : TestEngines()) {
    SuiteFigures figures{"hostile table names " + engine, 0, 0, 0, ""};
    // The longest name that leaves room for "_snapshots": PostgreSQL 63 - 10, MySQL 64 - 10; SQLite none.
    size_t longest = engine == "postgres" ? 53 : engine == "mysql" ? 54 : 0;
    int refused = 0, accepted = 0;
    for (size_t length : {size_t(53), size_t(54), size_t(55), size_t(62), size_t(63), size_t(64), size_t(100)}) {
      CAPTURE(engine);
      CAPTURE(length);
      ScratchDb db(engine);
      TempDir dir;
      dir.Write("m/00001_a.sql", Goose("CREATE TABLE hostile_a (id INTEGER);", "DROP TABLE hostile_a;"));
      std::string table(length, 't');
      RunResult r = RunGander(Args(Target(db, dir.Join("m")), {"-table", table, "up"}));
      ++figures.runs;
      ++figures.faults;
      if (longest != 0 && length > longest) {
        ++refused;
        CHECK(r.exit_code == 2);
        CHECK(r.err == "gander: up: table name \"" + table + "\" is too long for " +
                           (engine == "postgres" ? "PostgreSQL: " : "MySQL: ") + std::to_string(length) +
                           " bytes, at most " + std::to_string(longest) + " (" +
                           (engine == "postgres" ? "PostgreSQL names have at most 63" : "MySQL names have at most 64") +
                           " bytes and gander adds \"_snapshots\" for its companion tables)\n");
        if (TableCount(db) != 0) ++figures.inconsistencies;
        CHECK(TableCount(db) == 0);
      } else {
        ++accepted;
        CHECK_MESSAGE(r.exit_code == 0, r.err);
        // The tracking table, its history and snapshots are four distinct tables beside the migration's.
        for (const char* suffix : {"", "_history", "_snapshots"}) CHECK(db.TableExists(table + suffix));
        CHECK(RunGander(Args(Target(db, dir.Join("m")), {"-table", table, "down"})).exit_code == 0);
        if (db.TableExists("hostile_a")) ++figures.inconsistencies;
      }
    }
    figures.note = std::to_string(refused) + " refused untouched, " + std::to_string(accepted) + " accepted";
    RecordFigures(figures);
  }
}

TEST_CASE("hostile DSNs: refused before any connection, one line, no piece of the password anywhere") {
  for (const std::string& engine : TestEngines()) {
    if (engine == "sqlite3") continue;
    SuiteFigures figures{"hostile DSNs " + engine, 0, 0, 0, ""};
    const std::string pw = "Hq7@Xv/9?Kz%2:Wp";  // every byte a DSN splits at
    std::vector<std::string> dsns;
    if (engine == "postgres") {
      dsns = {"postgres://u:" + pw + "@127.0.0.1:1/db", "postgresql://u:S3cr%t!" + pw + "@h/db",
              "postgres://u:hunter@2x" + pw + "@h/db", "postgres://u:" + pw.substr(0, 6) + "@" + pw.substr(7) + "@h/db",
              "postgres://u:Hq7/Xv9Kz@h/db", "postgres://u:Hq7?Xv9Kz@h/db", "postgres://u:Hq7%00Xv9@h/db",
              "host=h password=Hq7 Xv9Kz dbname=d", "host=h password='" + pw, "host=h password= dbname=" + pw,
              "host=h sslpassword=Hq7Xv9 Kz2Wp dbname=d", "postgres://u@h/db?password=" + pw};
    } else {
      dsns = {"mysql://u:" + pw + "@127.0.0.1:1/db", "mysql://u:S3cr%t!" + pw + "@h/db",
              "mysql://u:hunter@2x" + pw + "@h/db", "mysql://u:Hq7/Xv9Kz@h/db", "mysql://u:Hq7?Xv9Kz@h/db",
              "u:" + pw + "@udp(h:3306)/db", "u:" + pw + "@tcp(h:3306/db", "mysql://u@h/db?password=" + pw};
    }
    int leaks = 0;
    for (const std::string& dsn : dsns) {
      CAPTURE(dsn);
      TempDir dir;
      dir.Write("m/00001_a.sql", Goose("CREATE TABLE never (id INTEGER);"));
      for (const std::vector<std::string>& command : {std::vector<std::string>{"up"}, {"--json", "status"}, {"env"}}) {
        RunResult r = RunGander(Args({"-dir", dir.Join("m"), engine, dsn}, command));
        ++figures.runs;
        ++figures.faults;
        std::string secret = dsn.find(pw) != std::string::npos ? pw : "Hq7Xv9Kz";
        bool leaked = !gander::FindSecretFragment(r.out + r.err, secret).empty() || Contains(r.out + r.err, "Xv9");
        if (leaked) ++leaks;
        CHECK_MESSAGE(!leaked, r.out << r.err);
        if (command[0] == "env") continue;
        CHECK(r.exit_code == 2);
        if (command[0] == "up") CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      }
    }
    figures.inconsistencies = leaks;
    figures.note = std::to_string(dsns.size()) + " DSN forms refused with exit 2, " + std::to_string(leaks) + " leaks";
    RecordFigures(figures);
  }
}
