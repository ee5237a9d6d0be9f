#include "integration/reference_run.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <doctest/doctest.h>

#include "integration/harness.h"

namespace gander::test {
namespace fs = std::filesystem;

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A file name without its direction suffix: `1_x.up.sql` and `1_x.down.sql` give `1_x`.
std::string Stem(const std::string& name) {
  for (const char* suffix : {".up.sql", ".down.sql"}) {
    if (EndsWith(name, suffix)) return name.substr(0, name.size() - std::string(suffix).size());
  }
  return name;
}

// Runs argv with stdin from `input` (or /dev/null); returns the exit code, stderr in *err.
int RunClient(const std::vector<std::string>& argv, const std::string& input, std::string* err) {
  TempDir capture;
  std::string err_path = capture.Join("err");
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(input.empty() ? "/dev/null" : input.c_str(), O_RDONLY);
    int out = open("/dev/null", O_WRONLY);
    int e = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(e, 2);
    std::vector<std::string> copy = argv;
    std::vector<char*> args;
    for (std::string& a : copy) args.push_back(a.data());
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  *err = Slurp(err_path);
  while (!err->empty() && (err->back() == '\n' || err->back() == '\r')) err->pop_back();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// mysql://user:password@host:port/db as the mariadb client's arguments.
std::vector<std::string> MariadbArgs(const std::string& dsn) {
  std::string rest = dsn.substr(dsn.find("://") + 3);
  size_t at = rest.rfind('@');
  std::string user = rest.substr(0, at), where = rest.substr(at + 1);
  std::string password;
  if (size_t colon = user.find(':'); colon != std::string::npos) {
    password = user.substr(colon + 1);
    user = user.substr(0, colon);
  }
  std::string host = where.substr(0, where.find('/'));
  std::string db = where.substr(where.find('/') + 1);
  db = db.substr(0, db.find('?'));
  std::string port = "3306";
  if (size_t colon = host.find(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  return {"mariadb", "--no-defaults", "-u" + user, "-p" + password, "-h" + host, "-P" + port, db};
}

// A goose file's section as the reference runs it: the text after its
// annotation up to the next section, annotation lines removed.
std::string GooseSection(const std::string& text, bool up, bool* no_transaction) {
  std::istringstream in(text);
  std::string out, line;
  int section = 0;  // 0 before Up, 1 Up, 2 Down
  *no_transaction = false;
  while (std::getline(in, line)) {
    std::string trimmed = line.substr(0, line.find_last_not_of("\r \t") + 1);
    bool annotation = trimmed.rfind("--", 0) == 0 && trimmed.find("+goose") != std::string::npos;
    if (annotation) {
      std::string lower = trimmed;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      if (lower.find("no transaction") != std::string::npos) *no_transaction = true;
      if (lower.find("+goose up") != std::string::npos) section = 1;
      if (lower.find("+goose down") != std::string::npos) section = 2;
      continue;
    }
    if (section == (up ? 1 : 2)) out += line + "\n";
  }
  return out;
}

// Runs one part. `text_file` is the file to run; for goose files, the section.
bool RunPart(const std::string& engine, const std::string& dsn, const ReferenceMigration& m, bool up,
             bool* skipped, std::string* error) {
  const std::string& file = up ? m.up_file : m.down_file;
  *skipped = false;
  TempDir scratch;
  std::string input = file;
  bool single_transaction = false;
  if (m.goose) {
    bool no_tx = false;
    std::string section = GooseSection(Slurp(file), up, &no_tx);
    if (section.find_first_not_of(" \t\r\n") == std::string::npos) {
      *skipped = !up;
      return true;
    }
    if (engine == "sqlite3") section = "BEGIN;\n" + section + "\nCOMMIT;\n";
    single_transaction = engine == "postgres" && !no_tx;
    input = scratch.Join(fs::path(file).filename().string());
    scratch.Write(fs::path(file).filename().string(), section);
  }
  std::vector<std::string> argv;
  if (engine == "postgres") {
    argv = {"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn};
    if (single_transaction) argv.push_back("-1");
    argv.push_back("-f");
    argv.push_back(input);
    input.clear();
  } else if (engine == "mysql") {
    argv = MariadbArgs(dsn);
  } else {
    argv = {"sqlite3", "-bail", dsn};
  }
  int rc = RunClient(argv, input, error);
  return rc == 0;
}

}  // namespace

std::vector<ReferenceMigration> ReferenceMigrations(const std::string& dir) {
  struct Files {
    std::vector<std::string> ups, downs;
    bool goose = false;
  };
  std::map<int64_t, Files> by_version;
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && EndsWith(name, ".sql")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    int64_t version = std::stoll(name.substr(0, name.find('_')));
    Files& f = by_version[version];
    if (EndsWith(name, ".down.sql")) {
      f.downs.push_back(name);
    } else {
      f.ups.push_back(name);
      f.goose = !EndsWith(name, ".up.sql");
    }
  }
  std::vector<ReferenceMigration> out;
  std::string prefix = dir + "/";
  for (const auto& [version, f] : by_version) {
    if (f.ups.empty()) {  // a down-only version: a no-op up
      out.push_back({version, "", prefix + f.downs.front(), false});
      continue;
    }
    for (const std::string& up : f.ups) {
      ReferenceMigration m{version, prefix + up, "", f.goose};
      if (m.goose) {
        m.down_file = m.up_file;
      } else if (f.ups.size() == 1 && !f.downs.empty()) {
        m.down_file = prefix + f.downs.front();  // by version (pocket-id's `..up.sql`)
      } else {
        for (const std::string& down : f.downs) {
          if (Stem(down) == Stem(up)) m.down_file = prefix + down;
        }
      }
      out.push_back(m);
    }
  }
  return out;
}

ReferenceOutcome ReferenceUp(const std::string& engine, const std::string& dsn,
                             const std::vector<ReferenceMigration>& migrations, const std::string& stop_at) {
  ReferenceOutcome out;
  for (const ReferenceMigration& m : migrations) {
    std::string name = fs::path(m.up_file).filename().string();
    if (!stop_at.empty() && name == stop_at) break;
    bool skipped = false;
    if (!m.up_file.empty() && !RunPart(engine, dsn, m, true, &skipped, &out.error)) {
      out.failed = name;
      break;
    }
    ++out.applied;
  }
  return out;
}

ReferenceOutcome ReferenceDown(const std::string& engine, const std::string& dsn,
                               const std::vector<ReferenceMigration>& migrations, int count,
                               const std::string& stop_at) {
  ReferenceOutcome out;
  for (int i = count - 1; i >= 0; --i) {
    const ReferenceMigration& m = migrations[i];
    std::string name = fs::path(m.down_file).filename().string();
    if (m.down_file.empty()) {
      ++out.skipped;
      continue;
    }
    if (!stop_at.empty() && name == stop_at) break;
    bool skipped = false;
    if (!RunPart(engine, dsn, m, false, &skipped, &out.error)) {
      out.failed = name;
      break;
    }
    ++(skipped ? out.skipped : out.applied);
  }
  return out;
}

std::string RealworldDir() {
  const char* dir = std::getenv("GANDER_REALWORLD_DIR");
  return dir ? dir : std::string(GANDER_SOURCE_DIR) + "/../shared/realworld";
}

}  // namespace gander::test
