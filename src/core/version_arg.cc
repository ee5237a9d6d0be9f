#include "core/version_arg.h"

#include <limits>

#include "core/source.h"

namespace gander {

Status ParseVersionArgument(const std::string& text, int64_t* version) {
  auto invalid = [&](const char* why) {
    return Status::Invalid("not a version number: \"" + EscapeControlCharacters(text) + "\" (" + why + ")");
  };
  if (text.empty()) return invalid("empty");
  if (text[0] == '-') return invalid("versions are 0 or more");
  const int64_t max = std::numeric_limits<int64_t>::max();
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return invalid("digits only");
    int digit = c - '0';
    if (value > (max - digit) / 10) return invalid("larger than 9223372036854775807, the largest version");
    value = value * 10 + digit;
  }
  *version = value;
  return Status::OK();
}

}  // namespace gander
