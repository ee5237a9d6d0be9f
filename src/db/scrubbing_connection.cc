#include "db/scrubbing_connection.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "db/dsn.h"
#include "db/engine_registry.h"

namespace gander {
namespace {

class Scrubbing : public Connection {
 public:
  Scrubbing(std::unique_ptr<Connection> inner, SecretScrubber scrubber)
      : inner_(std::move(inner)), scrubber_(std::move(scrubber)) {}

  const Dialect& dialect() const override { return inner_->dialect(); }
  Status Exec(const std::string& sql) override { return Clean(inner_->Exec(sql)); }
  Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) override {
    return Clean(inner_->ExecWithParams(sql, params));
  }
  Status Query(const std::string& sql, std::vector<Row>* rows) override { return Clean(inner_->Query(sql, rows)); }
  Status Begin() override { return Clean(inner_->Begin()); }
  Status Commit() override { return Clean(inner_->Commit()); }
  Status Rollback() override { return Clean(inner_->Rollback()); }
  Status Lock(std::chrono::milliseconds timeout) override { return Clean(inner_->Lock(timeout)); }
  Status Unlock() override { return Clean(inner_->Unlock()); }
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    return Clean(inner_->SetStatementTimeout(timeout));
  }
  std::string ServerVersion() override { return scrubber_.Scrub(inner_->ServerVersion()); }

 private:
  Status Clean(const Status& st) const { return st.ok() ? st : scrubber_.Scrub(st); }

  std::unique_ptr<Connection> inner_;
  SecretScrubber scrubber_;
};

// The password field of each line of a libpq password file
// (host:port:database:user:password, '\' escaping ':' and '\').
void AddPassfile(const std::string& path, SecretScrubber* scrubber) {
  struct stat info;
  if (path.empty() || stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_size > (1 << 20)) return;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    int field = 0;
    std::string password;
    for (size_t i = 0; i < line.size(); ++i) {
      if (field == 4) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        password += line[i];
      } else if (line[i] == '\\') {
        ++i;
      } else if (line[i] == ':') {
        ++field;
      }
    }
    scrubber->Add(password);
  }
}

}  // namespace

SecretScrubber ScrubberFor(const std::string& driver, const std::string& dsn) {
  SecretScrubber scrubber;
  for (const std::string& secret : DsnSecrets(dsn)) scrubber.Add(secret);
  const EngineInfo* engine = FindEngine(driver);
  if (engine != nullptr && std::string(engine->name) == "postgres") {
    if (const char* password = std::getenv("PGPASSWORD")) scrubber.Add(password);
    Dsn parsed;
    std::string passfile;
    if (ParsePostgresDsn(dsn, &parsed).ok() && parsed.params.count("passfile")) {
      passfile = parsed.params["passfile"];
    } else if (const char* env = std::getenv("PGPASSFILE")) {
      passfile = env;
    } else if (const char* home = std::getenv("HOME")) {
      passfile = std::string(home) + "/.pgpass";
    }
    AddPassfile(passfile, &scrubber);
  }
  return scrubber;
}

std::unique_ptr<Connection> ScrubbingConnection(std::unique_ptr<Connection> inner, SecretScrubber scrubber) {
  if (scrubber.empty()) return inner;
  return std::make_unique<Scrubbing>(std::move(inner), std::move(scrubber));
}

}  // namespace gander
