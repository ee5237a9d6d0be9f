#include "core/time_text.h"

#include <doctest/doctest.h>

#include "core/audit.h"

using namespace gander;

TEST_CASE("HumanDuration: milliseconds under a second, then seconds, minutes, hours") {
  CHECK(HumanDuration(0) == "0.0ms");
  CHECK(HumanDuration(1.24) == "1.2ms");
  CHECK(HumanDuration(999.9) == "999.9ms");
  CHECK(HumanDuration(5549.3) == "5.5s");
  CHECK(HumanDuration(125000) == "2m05s");
  CHECK(HumanDuration(3720000) == "1h02m");
}

TEST_CASE("TrackingTimeRfc3339: the tracking table's times as RFC 3339 UTC") {
  CHECK(TrackingTimeRfc3339("2026-12-01 18:53:22") == "2026-12-01T18:53:22Z");
  CHECK(TrackingTimeRfc3339("2026-12-01T18:53:22") == "2026-12-01T18:53:22Z");
  CHECK(TrackingTimeRfc3339("not a time") == "not a time");
  CHECK(TrackingTimeRfc3339("") == "");
}

TEST_CASE("ParseSince: durations back from now, ISO dates and times, nothing else") {
  auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1764615202));  // 2025-12-01T18:53:22Z
  std::string bound;
  REQUIRE(ParseSince("1h", now, &bound).ok());
  CHECK(bound == "2025-12-01T17:53:22.000Z");
  REQUIRE(ParseSince("7d", now, &bound).ok());
  CHECK(bound == "2025-11-24T18:53:22.000Z");
  REQUIRE(ParseSince("1d12h", now, &bound).ok());
  CHECK(bound == "2025-11-30T06:53:22.000Z");
  REQUIRE(ParseSince("2026-11-01", now, &bound).ok());
  CHECK(bound == "2026-11-01");
  REQUIRE(ParseSince("2026-11-01 12:00", now, &bound).ok());
  CHECK(bound == "2026-11-01T12:00");
  REQUIRE(ParseSince("2026-11-01T12:00:05Z", now, &bound).ok());
  CHECK(bound == "2026-11-01T12:00:05");
  for (const char* bad : {"", "banana", "yesterday", "1", "h", "1y", "2026-11", "2026-13-01", "2026-11-01T24:00",
                          "2026-11-01X12:00", "2026-11-01T12:00:05.", "-1h"}) {
    Status st = ParseSince(bad, now, &bound);
    CHECK_MESSAGE(st.code() == StatusCode::kInvalid, bad);
  }
}
