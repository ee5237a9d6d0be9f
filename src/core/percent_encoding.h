// Percent-encoding (RFC 3986) of URL parts: one implementation for the DSN
// code (db/dsn*) and the secret scrubber (core/secret_scrubber.h). Pure.
#pragma once

#include <string>

namespace gander {

struct PercentStyle {
  bool lower_hex = false;      // %2f instead of %2F
  bool only_reserved = false;  // encode only % @ / ? # : & = + and bytes outside 0x21..0x7e
};

// Every byte outside A-Z a-z 0-9 - . _ ~ as %XX (or, with only_reserved,
// as a URL library that leaves sub-delimiters alone would write it).
std::string PercentEncode(const std::string& s, PercentStyle style = {});

// %XX decoded wherever two hex digits follow the '%'; everything else kept.
std::string PercentDecodeLenient(const std::string& s);

// 0-15 for a hex digit, else -1.
int HexDigitValue(char c);

}  // namespace gander
