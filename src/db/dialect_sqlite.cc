#include "db/dialect_sqlite.h"

#include <sqlite3.h>

namespace gander {

std::string SqliteDialect::QuoteIdentifier(const std::string& name) const {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    std::string part = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    out += "\"";
    for (char c : part) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    out += "\"";
    if (dot == std::string::npos) break;
    out += ".";
    start = dot + 1;
  }
  return out;
}

std::string SqliteDialect::CreateVersionTable(const std::string& table) const {
  return "CREATE TABLE " + QuoteIdentifier(table) +
         " (\n\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n\t\tversion_id INTEGER NOT NULL,\n"
         "\t\tis_applied INTEGER NOT NULL,\n\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n\t)";
}

std::string SqliteDialect::TableExists(const std::string& table) const {
  size_t dot = table.find('.');
  std::string schema = dot == std::string::npos ? "main" : table.substr(0, dot);
  std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  return "SELECT 1 FROM " + QuoteIdentifier(schema) + ".sqlite_master WHERE type = 'table' AND name = " +
         QuoteString(name);
}

std::string SqliteDialect::ColumnExists(const std::string& table, const std::string& column) const {
  size_t dot = table.find('.');
  std::string schema = dot == std::string::npos ? "main" : table.substr(0, dot);
  std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  return "SELECT 1 FROM pragma_table_info(" + QuoteString(name) + ", " + QuoteString(schema) + ") WHERE name = " +
         QuoteString(column);
}

Dialect::SchemaError SqliteDialect::ClassifySchemaError(const Status& error) const {
  auto has = [&](const char* text) { return error.message().find(text) != std::string::npos; };
  if (has("already exists") || has("duplicate column name")) return SchemaError::kExists;
  for (const char* text : {"no such table", "no such column", "no such index", "no such view", "no such trigger"}) {
    if (has(text)) return SchemaError::kMissing;
  }
  return SchemaError::kNone;
}

Status SqliteDialect::ErrorStatus(int extended_code, const std::string& message) {
  Status st = Status::Failed(message);
  st.WithEngineCode(std::to_string(extended_code));
  int primary = extended_code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) st.MarkTransient();
  return st;
}

Status SqliteDialect::StatementTimeoutError(std::chrono::milliseconds limit) {
  return Status::Failed("statement timeout: interrupted after " + std::to_string(limit.count()) +
                        " ms (--statement-timeout)")
      .WithEngineCode(std::to_string(SQLITE_INTERRUPT));
}

}  // namespace gander
