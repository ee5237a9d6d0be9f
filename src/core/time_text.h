// Times and durations as users read and write them: one format everywhere
// (RFC 3339 UTC for instants, "1.2ms" / "5.5s" / "2m05s" for durations) and
// history's --since, a duration back from now or an ISO 8601 date or time.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"

namespace gander {

// A duration for people: "0.4ms" under a second, "5.5s" under a minute,
// "2m05s" under an hour, "1h02m" beyond.
std::string HumanDuration(double milliseconds);

// A time as the tracking table stores it ("2026-12-01 18:53:22", whole
// seconds; SQLite's datetime('now') is UTC) as RFC 3339: "2026-12-01T18:53:22Z".
// A text that is not such a time is returned unchanged.
std::string TrackingTimeRfc3339(const std::string& tstamp);

// --since: "30m", "1h", "7d", "2w" (also combined, "1d12h") back from `now`,
// or an ISO 8601 date or time in UTC ("2026-11-01", "2026-11-01T12:00",
// "2026-11-01 12:00:05", an optional trailing "Z"). On success *bound is the
// earliest start time, in FormatUtc's form or a prefix of it, so that events
// match when started_at >= *bound as text. Anything else is Status::Invalid.
Status ParseSince(const std::string& text, std::chrono::system_clock::time_point now, std::string* bound);

}  // namespace gander
