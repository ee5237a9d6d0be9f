#include "core/datasum.h"

#include <lzma.h>

#include <algorithm>
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

}  // namespace gander
