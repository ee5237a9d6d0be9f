// The one parser of durations gander reads: goose's -timeout, the DSN
// timeouts (go-sql-driver's `timeout`, `readTimeout`, `writeTimeout`) and the
// deadlines of a targets file. Pure.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"

namespace gander {

// Go's time.ParseDuration forms without a sign: one or more NUMBER UNIT
// ("1h13m", "1.5h", "300ms", "2us"; units h, m, s, ms, us, µs, ns; NUMBER
// digits with at most one '.'), or a plain number standing alone, taken as
// seconds ("90", "2.5"). Anything else (empty, a sign, spaces, an exponent,
// an unknown unit) is Status::Invalid: `must be a duration such as 90s, 5m
// or 1h13m (not "TEXT")`.
Status ParseDuration(const std::string& text, double* seconds);

// The same, rounded to whole milliseconds.
Status ParseDuration(const std::string& text, std::chrono::milliseconds* out);

}  // namespace gander
