#include "core/datasum.h"

#include <lzma.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace gander {

std::string TableSum::Hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(crc64));
  return buf;
}

std::string EncodeRow(const std::vector<std::optional<std::string>>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!v) {
      out += '~';
    } else {
      out += std::to_string(v->size()) + ":" + *v;
    }
  }
  return out;
}

TableSum SumTable(const std::string& table, std::vector<std::string> encoded_rows) {
  std::sort(encoded_rows.begin(), encoded_rows.end());
  TableSum sum{table, encoded_rows.size(), 0};
  for (const std::string& row : encoded_rows) {
    // Length-prefixed, so that row boundaries are part of the sum.
    std::string framed = std::to_string(row.size()) + "\n" + row;
    sum.crc64 = lzma_crc64(reinterpret_cast<const uint8_t*>(framed.data()), framed.size(), sum.crc64);
  }
  return sum;
}

bool DefaultTakenAtInsert(const std::string& column_definition) {
  std::string d = column_definition;
  std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t start = d.find(" default ");
  if (start == std::string::npos) return false;
  size_t end = d.find(" on update ", start);
  std::string expr = d.substr(start, end == std::string::npos ? std::string::npos : end - start);
  // Every engine's spellings: SQL's CURRENT_* and LOCALTIME*, PostgreSQL's
  // now()/clock_timestamp()/statement_timestamp()/transaction_timestamp()/
  // timeofday()/gen_random_uuid()/uuid_generate_*, MySQL's now()/sysdate()/
  // utc_*()/unix_timestamp()/uuid()/rand(), SQLite's 'now' and random()/
  // randomblob().
  static const char* const kVolatile[] = {"current_timestamp", "current_date", "current_time", "localtime",
                                          "now(",  "'now'", "clock_timestamp", "statement_timestamp",
                                          "transaction_timestamp", "timeofday", "sysdate", "utc_timestamp",
                                          "utc_date", "utc_time", "unix_timestamp", "uuid", "rand"};
  for (const char* word : kVolatile) {
    if (expr.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace gander
