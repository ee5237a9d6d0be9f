#include "integration/harness.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <doctest/doctest.h>

namespace gander::test {
namespace fs = std::filesystem;

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

const char* EnvOrNull(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

}  // namespace

// Replaces the database name in an admin DSN `scheme://...host:port/NAME?params`.
std::string WithDatabase(const std::string& dsn, const std::string& name) {
  size_t scheme = dsn.find("://");
  size_t slash = dsn.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = dsn.find('?');
  std::string tail = query == std::string::npos ? "" : dsn.substr(query);
  return dsn.substr(0, slash) + "/" + name + tail;
}

std::string UniqueName() {
  static std::atomic<int> counter{0};
  return "gander_t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
}


GanderProcess::GanderProcess(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                             const std::string& cwd)
    : capture_(std::make_unique<TempDir>()),
      json_(std::find(args.begin(), args.end(), "--json") != args.end()) {
  std::string out_path = capture_->Join("out"), err_path = capture_->Join("err");
  pid_ = fork();
  if (pid_ == 0) {
    int in = open("/dev/null", O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
    for (const auto& [k, v] : env) {
      // Not passed on: the harness's own knob to make the disk "full" for
      // gander (writes past the size fail with EFBIG, as ENOSPC would).
      if (k == "TEST_FILE_SIZE_LIMIT") {
        struct rlimit limit;
        limit.rlim_cur = limit.rlim_max = std::strtoull(v.c_str(), nullptr, 10);
        setrlimit(RLIMIT_FSIZE, &limit);
        signal(SIGXFSZ, SIG_IGN);
        continue;
      }
      setenv(k.c_str(), v.c_str(), 1);
    }
    std::vector<char*> argv;
    // GANDER_TEST_BINARY runs the suite against another build of gander (the
    // sanitizer build in tests/build-and-test.sh).
    const char* other = EnvOrNull("GANDER_TEST_BINARY");
    std::string binary = other ? other : GANDER_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
}

GanderProcess::~GanderProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    Wait();
  }
}

void GanderProcess::Kill() {
  if (pid_ > 0) kill(pid_, SIGKILL);
}

RunResult GanderProcess::Wait() {
  RunResult r;
  if (pid_ <= 0) return r;
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadAll(capture_->Join("out"));
  r.err = ReadAll(capture_->Join("err"));
  // Keeps every --json output for the `json_output_schema` test.
  const char* sink = EnvOrNull("GANDER_TEST_JSON_SINK");
  if (sink != nullptr && json_ && r.exit_code < 128) {
    static std::atomic<int> counter{0};
    std::error_code ec;
    fs::create_directories(sink, ec);
    std::ofstream(fs::path(sink) / (std::to_string(getpid()) + "-" + std::to_string(counter++) + ".json"),
                  std::ios::binary)
        << r.out;
  }
  return r;
}

RunResult RunGander(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                    const std::string& cwd) {
  return GanderProcess(args, env, cwd).Wait();
}

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "gander-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

namespace {

// Keeps every audit snapshot a test wrote, for the `snapshot_schema` test
// that validates them against docs/snapshot.schema.json.
void CollectSnapshots(const std::string& root) {
  const char* sink = EnvOrNull("GANDER_TEST_SNAPSHOT_SINK");
  if (sink == nullptr) return;
  static std::atomic<int> counter{0};
  std::error_code ec;
  fs::create_directories(sink, ec);
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    if (p.extension() == ".json" && p.parent_path().filename() == "snapshots") {
      std::string name = std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" + p.filename().string();
      fs::copy_file(p, fs::path(sink) / name, fs::copy_options::overwrite_existing, ec);
    }
  }
}

}  // namespace

TempDir::~TempDir() {
  CollectSnapshots(path_);
  std::error_code ec;
  // Make read-only test folders removable again.
  for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator(); ++it) {
    fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(path_, ec);
}

void TempDir::Write(const std::string& name, const std::string& text) const {
  fs::path p = fs::path(path_) / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

void TempDir::CopyFixture(const std::string& fixture, const std::string& to) const {
  fs::path src = fs::path(GANDER_TESTDATA_DIR) / fixture;
  fs::path dst = fs::path(path_) / to;
  fs::create_directories(dst);
  for (const auto& entry : fs::directory_iterator(src)) {
    if (entry.is_regular_file()) fs::copy_file(entry.path(), dst / entry.path().filename());
  }
}

std::string Slurp(const std::string& path) { return ReadAll(path); }

std::string PasswordOf(const std::string& dsn) {
  size_t scheme = dsn.find("://");
  if (scheme == std::string::npos) return "";
  size_t colon = dsn.find(':', scheme + 3), at = dsn.rfind('@');
  if (colon == std::string::npos || at == std::string::npos || colon > at) return "";
  return dsn.substr(colon + 1, at - colon - 1);
}

const char* ServerDsn(const char* var, const char* script) {
  const char* value = EnvOrNull(var);
  if (value == nullptr && EnvOrNull("GANDER_TEST_REQUIRE_SERVERS")) {
    FAIL(std::string(var) << " is not set but GANDER_TEST_REQUIRE_SERVERS=1 (" << std::string(script) << " sets it)");
  }
  if (value == nullptr) MESSAGE("skipping: set " << std::string(var) << " (" << std::string(script) << " does)");
  return value;
}

std::vector<std::string> TestEngines() {
  std::vector<std::string> engines = {"sqlite3"};
  bool require = EnvOrNull("GANDER_TEST_REQUIRE_SERVERS") != nullptr;
  for (auto [engine, var] : {std::pair{"postgres", "GANDER_TEST_PG_DSN"}, std::pair{"mysql", "GANDER_TEST_MYSQL_DSN"}}) {
    if (EnvOrNull(var)) {
      engines.push_back(engine);
    } else if (require) {
      FAIL(std::string(var) << " is not set but GANDER_TEST_REQUIRE_SERVERS=1");
    } else {
      static std::map<std::string, bool> told;
      if (!told[engine]) MESSAGE("skipping " << std::string(engine) << ": set " << std::string(var) << " (tests/with-servers.sh does)");
      told[engine] = true;
    }
  }
  return engines;
}

ScratchDb::ScratchDb(const std::string& engine) : engine_(engine), name_(UniqueName()) {
  if (engine == "sqlite3") {
    dir_ = std::make_unique<TempDir>();
    dsn_ = dir_->Join(name_ + ".db");
    // An empty database, as CREATE DATABASE makes one on a server: read-only
    // commands refuse a SQLite path that does not exist.
    dir_->Write(name_ + ".db", "");
    return;
  }
  const char* admin_dsn = EnvOrNull(engine == "postgres" ? "GANDER_TEST_PG_DSN" : "GANDER_TEST_MYSQL_DSN");
  REQUIRE(admin_dsn != nullptr);
  std::unique_ptr<Connection> admin;
  Status st = OpenConnection(engine, admin_dsn, &admin);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  st = admin->Exec("CREATE DATABASE " + name_);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  dsn_ = WithDatabase(admin_dsn, name_);
}

ScratchDb::~ScratchDb() {
  conn_.reset();
  if (engine_ == "sqlite3") return;
  const char* admin_dsn = EnvOrNull(engine_ == "postgres" ? "GANDER_TEST_PG_DSN" : "GANDER_TEST_MYSQL_DSN");
  std::unique_ptr<Connection> admin;
  if (admin_dsn && OpenConnection(engine_, admin_dsn, &admin).ok()) {
    admin->Exec(engine_ == "postgres" ? "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"
                                      : "DROP DATABASE IF EXISTS " + name_).IgnoreError();
  }
}

Connection& ScratchDb::conn() {
  if (!conn_) {
    Status st = OpenConnection(engine_, dsn_, &conn_);
    if (!st.ok()) FAIL("cannot open scratch database: " << st.ToString());
  }
  return *conn_;
}

std::vector<std::vector<std::string>> ScratchDb::Query(const std::string& sql) {
  std::vector<Row> rows;
  Status st = conn().Query(sql, &rows);
  if (!st.ok()) FAIL("query failed: " << sql << ": " << st.ToString());
  std::vector<std::vector<std::string>> out;
  for (const Row& row : rows) {
    std::vector<std::string> r;
    for (const auto& v : row) r.push_back(v.value_or("NULL"));
    out.push_back(r);
  }
  return out;
}

std::string ScratchDb::TrackingRows(const std::string& table) {
  if (!TableExists(table)) return "(no table)";
  std::string text;
  for (const auto& row : Query("SELECT version_id, is_applied FROM " + table + " ORDER BY id")) {
    if (!text.empty()) text += " ";
    text += row[0] + ":" + row[1];
  }
  return text;
}

bool ScratchDb::TableExists(const std::string& table) {
  std::vector<Row> rows;
  Status st = conn().Query(conn().dialect().TableExists(table), &rows);
  if (!st.ok()) FAIL("table check failed: " << st.ToString());
  return !rows.empty();
}

void MakeGooseTable(ScratchDb& db, const std::vector<int>& versions) {
  Connection& c = db.conn();
  REQUIRE(c.Exec(c.dialect().CreateVersionTable("goose_db_version")).ok());
  std::vector<int> rows = {0};
  rows.insert(rows.end(), versions.begin(), versions.end());
  for (int v : rows) {
    REQUIRE(c.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (" + std::to_string(v) + ", " +
                   c.dialect().BoolLiteral(true) + ")").ok());
  }
}

std::vector<std::string> Target(const ScratchDb& db, const std::string& dir) {
  return {"-dir", dir, db.driver(), db.dsn()};
}

std::vector<std::string> Args(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

RunResult GanderOn(const ScratchDb& db, const std::string& dir, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env, const std::string& cwd) {
  return RunGander(Args(Target(db, dir), args), env, cwd);
}

bool HasEngine(const std::string& engine) {
  std::vector<std::string> engines = TestEngines();
  return std::find(engines.begin(), engines.end(), engine) != engines.end();
}

}  // namespace gander::test
