#include "fake_connection.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include "core/statement_kind.h"
#include "db/dialect_sqlite.h"

namespace gander::test {
namespace {

// The keyword of the last statement of `sql` ("COMMIT" for "INSERT ...; COMMIT").
std::string LastKeyword(const std::string& sql) {
  size_t end = sql.find_last_not_of(" \t\r\n;");
  if (end == std::string::npos) return "";
  size_t start = sql.find_last_of(';', end);
  return FirstKeyword(sql.substr(start == std::string::npos ? 0 : start + 1));
}

// As the drivers report a broken connection: transient; outcome unknown for
// the call that was under way when it broke (it may have taken effect), not
// for later calls on the dead connection (nothing was sent).
Status Lost(bool under_way) {
  Status st = Status::Failed("lost connection to the server (fake: the connection dropped)").MarkTransient();
  if (under_way) st.MarkOutcomeUnknown();
  return st;
}

// The SQLite dialect, but with DDL that commits implicitly (MySQL's rule).
class MysqlLikeDialect : public SqliteDialect {
 public:
  bool transactional_ddl() const override { return false; }
  bool CommitsImplicitly(const std::string& statement) const override { return IsSchemaStatement(statement); }
};

}  // namespace

class FakeConnection : public Connection {
 public:
  FakeConnection(FakeDatabase* db, int id, std::unique_ptr<Connection> inner)
      : db_(db), id_(id), inner_(std::move(inner)) {}
  ~FakeConnection() override {
    if (db_->lock_holder_ == id_) db_->lock_holder_ = 0;
  }

  const Dialect& dialect() const override {
    return db_->engine_ == FakeEngine::kMysqlLike ? static_cast<const Dialect&>(mysql_like_) : inner_->dialect();
  }

  Status Exec(const std::string& sql) override {
    return Call(sql, [&] { return RunSql(sql, [&] { return inner_->Exec(sql); }); });
  }
  Status ExecWithParams(const std::string& sql, const std::vector<std::string>& params) override {
    return Call(sql, [&] { return RunSql(sql, [&] { return inner_->ExecWithParams(sql, params); }); });
  }
  Status Query(const std::string& sql, std::vector<Row>* rows) override {
    return Call(sql, [&] { return inner_->Query(sql, rows); });
  }
  Status Begin() override {
    return Call("BEGIN", [&] {
      // MySQL: START TRANSACTION commits the one still open.
      if (MysqlLike() && in_tx_) GANDER_RETURN_IF_ERROR(inner_->Commit());
      Status st = inner_->Begin();
      if (st.ok()) in_tx_ = true;
      return st;
    });
  }
  Status Commit() override {
    return Call("COMMIT", [&] {
      if (MysqlLike() && !in_tx_) return Status::OK();  // MySQL: COMMIT outside a transaction is a no-op
      Status st = inner_->Commit();
      in_tx_ = false;
      return st;
    });
  }
  Status Rollback() override {
    return Call("ROLLBACK", [&] {
      in_tx_ = false;
      return inner_->Rollback();
    });
  }
  Status Lock(std::chrono::milliseconds) override {
    return Call("LOCK", [&] {
      if (db_->lock_holder_ != 0 && db_->lock_holder_ != id_) {
        return Status::LockTimeout("the fake database is locked by connection " + std::to_string(db_->lock_holder_));
      }
      db_->lock_holder_ = id_;
      return Status::OK();
    });
  }
  Status Unlock() override {
    return Call("UNLOCK", [&] {
      if (db_->lock_holder_ == id_) db_->lock_holder_ = 0;
      return Status::OK();
    });
  }
  Status SetStatementTimeout(std::chrono::milliseconds timeout) override {
    return Call("SET STATEMENT TIMEOUT " + std::to_string(timeout.count()),
                [&] { return inner_->SetStatementTimeout(timeout); });
  }
  std::string ServerVersion() override { return inner_->ServerVersion() + " (fake)"; }

 private:
  bool MysqlLike() const { return db_->engine_ == FakeEngine::kMysqlLike; }

  // SQL text: MySQL's implicit commit before DDL, then the statement, then
  // the transaction state its last statement leaves.
  template <typename Body>
  Status RunSql(const std::string& sql, Body body) {
    if (MysqlLike() && in_tx_ && dialect().CommitsImplicitly(sql)) {
      GANDER_RETURN_IF_ERROR(inner_->Commit());
      in_tx_ = false;
    }
    Status st = body();
    if (!st.ok()) return st;
    std::string last = LastKeyword(sql);
    if (last == "BEGIN" || last == "START") in_tx_ = true;
    if (last == "COMMIT" || last == "ROLLBACK" || last == "END") in_tx_ = false;
    return st;
  }

  // Every call: refused when dead, else the scripted fault if one is due,
  // else the real thing; recorded either way.
  template <typename Body>
  Status Call(const std::string& text, Body body) {
    Fault fault;
    std::string message;
    bool faulted = !dead_ && db_->TakeFault(text, &fault, &message);
    Status st;
    if (dead_) {
      st = Lost(false);
    } else if (!faulted) {
      st = body();
    } else if (fault == Fault::kTransient) {
      st = Status::Failed(message.empty() ? "deadlock detected (fake transient error)" : message).MarkTransient();
    } else if (fault == Fault::kPermanent) {
      st = Status::Failed(message.empty() ? "syntax error (fake permanent error)" : message);
    } else {
      if (fault == Fault::kLostAfter) body().IgnoreError();  // it took effect; its answer never arrives
      Die();
      st = Lost(true);
    }
    db_->Record(id_, text, st, faulted);
    return st;
  }

  // The server ends the session: what was not committed is rolled back and
  // its lock released.
  void Die() {
    dead_ = true;
    inner_->Rollback().IgnoreError();  // nothing open is fine
    in_tx_ = false;
    if (db_->lock_holder_ == id_) db_->lock_holder_ = 0;
  }

  FakeDatabase* db_;
  int id_;
  std::unique_ptr<Connection> inner_;
  MysqlLikeDialect mysql_like_;
  bool in_tx_ = false;
  bool dead_ = false;
};

FakeDatabase::FakeDatabase(FakeEngine engine) : engine_(engine) {
  static int counter = 0;
  uri_ = "file:gander-fake-" + std::to_string(getpid()) + "-" + std::to_string(++counter) +
         "?mode=memory&cache=shared";
  Status st = OpenConnection("sqlite3", uri_, &keeper_);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
}

FakeDatabase::~FakeDatabase() = default;

Status FakeDatabase::Open(std::unique_ptr<Connection>* out) {
  if (failing_opens_ > 0) {
    --failing_opens_;
    Status st = open_error_.ok() ? Status::Failed("connection refused (fake: the server is restarting)").MarkTransient()
                                 : open_error_;
    Record(0, "OPEN", st, true);
    return st;
  }
  std::unique_ptr<Connection> inner;
  GANDER_RETURN_IF_ERROR(OpenConnection("sqlite3", uri_, &inner));
  *out = std::make_unique<FakeConnection>(this, ++opens_, std::move(inner));
  Record(opens_, "OPEN", Status::OK(), false);
  return Status::OK();
}

std::unique_ptr<Connection> FakeDatabase::Connect() {
  std::unique_ptr<Connection> conn;
  Status st = Open(&conn);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return conn;
}

ConnectionFactory FakeDatabase::Factory() {
  return [this](std::unique_ptr<Connection>* out) { return Open(out); };
}

std::unique_ptr<Session> FakeDatabase::OpenSession(const std::string& table) {
  std::unique_ptr<Session> session;
  Status st = Session::Open(Factory(), table, &session);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return session;
}

void FakeDatabase::FailNth(int n, Fault fault, const std::string& message) {
  rules_.push_back({n, "", fault, message});
}

void FakeDatabase::FailWhen(const std::string& pattern, Fault fault, int nth, const std::string& message) {
  rules_.push_back({nth, pattern, fault, message});
}

void FakeDatabase::FailOpens(int count, Status error) {
  failing_opens_ = count;
  open_error_ = error;
}

bool FakeDatabase::TakeFault(const std::string& text, Fault* fault, std::string* message) {
  bool due = false;
  for (auto it = rules_.begin(); it != rules_.end();) {
    if (it->pattern.empty() || text.find(it->pattern) != std::string::npos) {
      if (it->countdown == 1 && !due) {
        due = true;
        *fault = it->fault;
        *message = it->message;
        it = rules_.erase(it);
        continue;
      }
      if (it->countdown > 1) --it->countdown;  // one due while another fires: it fires at the next call
    }
    ++it;
  }
  return due;
}

void FakeDatabase::Record(int connection, const std::string& text, const Status& result, bool faulted) {
  calls_.push_back({connection, text, !result.ok(), faulted});
}

std::vector<std::string> FakeDatabase::Texts() const {
  std::vector<std::string> texts;
  for (const FakeCall& c : calls_) texts.push_back(c.text);
  return texts;
}

int FakeDatabase::CountCalls(const std::string& pattern) const {
  int n = 0;
  for (const FakeCall& c : calls_) n += c.text.find(pattern) != std::string::npos;
  return n;
}

Status FakeDatabase::Exec(const std::string& sql) { return keeper_->Exec(sql); }

std::vector<Row> FakeDatabase::Query(const std::string& sql) {
  std::vector<Row> rows;
  Status st = keeper_->Query(sql, &rows);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return rows;
}

std::string FakeDatabase::Scalar(const std::string& sql) {
  std::vector<Row> rows = Query(sql);
  return rows.empty() ? "" : CellText(rows[0], 0);
}

std::string FakeDatabase::TrackingRows(const std::string& table) {
  std::string out;
  for (const Row& row : Query("SELECT version_id, is_applied FROM " + table + " ORDER BY id")) {
    out += (out.empty() ? "" : " ") + CellText(row, 0) + ":" + CellText(row, 1);
  }
  return out;
}

}  // namespace gander::test
