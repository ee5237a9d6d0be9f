#include "db/dialect_mysql.h"

#include <algorithm>
#include <cctype>

#include "core/checksum.h"

namespace gander {

std::string MysqlDialect::QuoteIdentifier(const std::string& name) const {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += "``";
    else if (c == '.') out += "`.`";
    else out += c;
  }
  return out + "`";
}

std::string MysqlDialect::QuoteString(const std::string& value) const {
  std::string out = "'";
  for (char c : value) {
    if (c == '\0') continue;
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string MysqlDialect::CreateVersionTable(const std::string& table) const {
  return "CREATE TABLE " + QuoteIdentifier(table) +
         " (\n\t\tid bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n\t\tversion_id bigint NOT NULL,\n"
         "\t\tis_applied boolean NOT NULL,\n\t\ttstamp timestamp NULL default now(),\n\t\tPRIMARY KEY(id)\n\t)";
}

std::string MysqlDialect::TableExists(const std::string& table) const {
  size_t dot = table.find('.');
  std::string schema = dot == std::string::npos ? "DATABASE()" : QuoteString(table.substr(0, dot));
  std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  return "SELECT 1 FROM information_schema.tables WHERE table_schema = " + schema + " AND table_name = " +
         QuoteString(name);
}

std::string MysqlDialect::ColumnExists(const std::string& table, const std::string& column) const {
  return InformationSchemaColumnExists(table, column, "DATABASE()");
}

Dialect::SchemaError MysqlDialect::ClassifySchemaError(const Status& error) const {
  const std::string& code = error.engine_code();
  // 1050 table exists, 1060 duplicate column, 1061 duplicate key name,
  // 1826 duplicate foreign key, 1359 trigger exists.
  for (const char* exists : {"1050", "1060", "1061", "1826", "1359"}) {
    if (code == exists) return SchemaError::kExists;
  }
  // 1051 unknown table, 1091 can't drop (no such column/key), 1360 trigger does not exist.
  for (const char* missing : {"1051", "1091", "1360"}) {
    if (code == missing) return SchemaError::kMissing;
  }
  return SchemaError::kNone;
}

bool MysqlDialect::CommitsImplicitly(const std::string& statement) const {
  std::string words;
  size_t i = 0;
  while (i < statement.size()) {  // skip leading blanks and comments
    if (std::isspace(static_cast<unsigned char>(statement[i]))) {
      ++i;
      continue;
    }
    if (statement.compare(i, 2, "--") == 0 || statement[i] == '#') {
      i = statement.find('\n', i);
      if (i == std::string::npos) return false;
      continue;
    }
    if (statement.compare(i, 2, "/*") == 0) {
      i = statement.find("*/", i);
      if (i == std::string::npos) return false;
      i += 2;
      continue;
    }
    break;
  }
  for (size_t n = 0; i < statement.size() && n < 2; ++n) {
    size_t start = i;
    while (i < statement.size() && std::isalpha(static_cast<unsigned char>(statement[i]))) ++i;
    std::string word = statement.substr(start, i - start);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
    words += (n ? " " : "") + word;
    while (i < statement.size() && std::isspace(static_cast<unsigned char>(statement[i]))) ++i;
  }
  std::string first = words.substr(0, words.find(' '));
  if (words == "CREATE TEMPORARY" || words == "DROP TEMPORARY") return false;
  for (const char* keyword : {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "LOCK", "UNLOCK",
                              "ANALYZE", "OPTIMIZE", "REPAIR", "INSTALL", "UNINSTALL"}) {
    if (first == keyword) return true;
  }
  return false;
}

std::string MysqlDialect::ListDatabasesQuery() const {
  return "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN "
         "('mysql', 'information_schema', 'performance_schema', 'sys')";
}

std::string MysqlDialect::LockName(const std::string& database) {
  std::string name = "gander:" + database;
  return name.size() <= 64 ? name : "gander:" + Sha256Hex(database).substr(0, 40);
}

std::string MysqlDialect::GetLock(const std::string& name, std::chrono::milliseconds wait) const {
  return "SELECT GET_LOCK(" + QuoteString(name) + ", " + std::to_string(wait.count() / 1000.0) + ")";
}

std::string MysqlDialect::ReleaseLock(const std::string& name) const {
  return "SELECT RELEASE_LOCK(" + QuoteString(name) + ")";
}

std::string MysqlDialect::LockHolderQuery(const std::string& name) const {
  return "SELECT p.ID, p.USER, p.HOST, p.TIME FROM information_schema.PROCESSLIST p WHERE p.ID = IS_USED_LOCK(" +
         QuoteString(name) + ")";
}

std::string MysqlDialect::SetStatementTimeout(std::chrono::milliseconds limit, bool mariadb) {
  if (mariadb) return "SET SESSION max_statement_time = " + std::to_string(limit.count() / 1000.0);
  return "SET SESSION max_execution_time = " + std::to_string(limit.count());
}

std::string MysqlDialect::ServerVersionName(const std::string& v) {
  return (v.find("MariaDB") != std::string::npos ? "MariaDB " : "MySQL ") + v.substr(0, v.find('-'));
}

bool MysqlDialect::IsTransientCode(int code) {
  return code == 1205 || code == 1213 || code == 2006 || code == 2013 || code == 2002 || code == 2003;
}

Status MysqlDialect::ErrorStatus(const std::string& what, int code) {
  Status st = Status::Failed(what + " (MySQL error " + std::to_string(code) + ")");
  st.WithEngineCode(std::to_string(code));
  if (IsTransientCode(code)) st.MarkTransient();
  return st;
}

Status MysqlDialect::ConnectError(const std::string& redacted_dsn, const std::string& what, int code,
                                  const std::string& connect_limit) {
  std::string limit = connect_limit.empty() ? "" : "no answer within " + connect_limit + ": ";
  Status st = Status::Failed("cannot connect to MySQL (" + redacted_dsn + "): " + limit + what + " (MySQL error " +
                             std::to_string(code) + ")");
  st.WithEngineCode(std::to_string(code));
  if (code == 2002 || code == 2003 || code == 2013) st.MarkTransient();
  return st;
}

}  // namespace gander
