// The one parser of a version number given on the command line: up-to V,
// down-to V, force V, history V, snapshot show N. Pure.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace gander {

// Decimal digits only (no sign, space or suffix), 0 to INT64_MAX. On error
// an Invalid status (exit 2): `not a version number: "TEXT" (why)`, with
// control characters in TEXT escaped (EscapeControlCharacters, core/source.h)
// so the message stays one line.
Status ParseVersionArgument(const std::string& text, int64_t* version);

}  // namespace gander
