#include "db/dialect.h"

namespace gander {

std::string Dialect::QuoteString(const std::string& value) const {
  std::string out = "'";
  for (char c : value) {
    if (c == '\0') continue;  // never valid inside a literal
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Dialect::InformationSchemaColumnExists(const std::string& table, const std::string& column,
                                                   const char* current_schema) const {
  size_t dot = table.find('.');
  std::string schema = dot == std::string::npos ? current_schema : QuoteString(table.substr(0, dot));
  std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  return "SELECT 1 FROM information_schema.columns WHERE table_schema = " + schema + " AND table_name = " +
         QuoteString(name) + " AND column_name = " + QuoteString(column);
}

}  // namespace gander
