#include "core/duration.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace gander {
namespace {

// Go's NUMBER: digits with at most one '.', at least one digit. Returns the
// length used at `at`, 0 if there is none.
size_t NumberLength(const std::string& text, size_t at) {
  size_t i = at, digits = 0, dots = 0;
  for (; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      ++digits;
    } else if (text[i] == '.' && dots == 0) {
      ++dots;
    } else {
      break;
    }
  }
  return digits == 0 ? 0 : i - at;
}

double UnitSeconds(const std::string& unit) {
  static const std::pair<const char*, double> kUnits[] = {{"h", 3600},  {"m", 60},    {"s", 1},    {"ms", 1e-3},
                                                          {"us", 1e-6}, {"µs", 1e-6}, {"ns", 1e-9}};
  for (const auto& u : kUnits) {
    if (unit == u.first) return u.second;
  }
  return -1;
}

}  // namespace

Status ParseDuration(const std::string& text, double* seconds) {
  Status bad = Status::Invalid("must be a duration such as 90s, 5m or 1h13m (not \"" + text + "\")");
  double total = 0;
  size_t i = 0;
  if (text.empty()) return bad;
  while (i < text.size()) {
    size_t length = NumberLength(text, i);
    if (length == 0) return bad;
    double n = std::strtod(text.substr(i, length).c_str(), nullptr);
    size_t unit_end = i += length;
    // A unit is letters; "µ" is two bytes above 0x7f.
    while (unit_end < text.size() &&
           (std::isalpha(static_cast<unsigned char>(text[unit_end])) || (text[unit_end] & 0x80) != 0)) {
      ++unit_end;
    }
    std::string unit = text.substr(i, unit_end - i);
    i = unit_end;
    if (unit.empty() && length == text.size()) unit = "s";  // a plain number stands alone
    double scale = UnitSeconds(unit);
    if (scale < 0 || !std::isfinite(n)) return bad;
    total += n * scale;
  }
  *seconds = total;
  return Status::OK();
}

Status ParseDuration(const std::string& text, std::chrono::milliseconds* out) {
  double seconds = 0;
  GANDER_RETURN_IF_ERROR(ParseDuration(text, &seconds));
  *out = std::chrono::milliseconds(static_cast<long long>(seconds * 1000 + 0.5));
  return Status::OK();
}

}  // namespace gander
