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

}  // namespace gander
