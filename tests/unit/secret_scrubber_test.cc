#include "core/secret_scrubber.h"

#include <doctest/doctest.h>

using namespace gander;

namespace {

bool HasFragment(const std::string& text, const std::string& secret) { return !FindSecretFragment(text, secret).empty(); }

}  // namespace

TEST_CASE("the scrubber masks a secret in every form a library prints it in") {
  SecretScrubber s;
  s.Add("S3cr%t!@hunter/2x?y:z");
  for (const std::string& message : {
           std::string("invalid percent-encoded token: \"S3cr%t!@hunter/2x?y:z\""),  // raw
           std::string("could not translate host name \"hunter\" to address"),     // split at '@' and '/'
           std::string("invalid port \"S3cr%t!\""),                                // split at '@'
           std::string("password S3cr%25t%21%40hunter%2F2x%3Fy%3Az in a URL"),     // encoded
           std::string("lower-case S3cr%25t%21%40hunter%2f2x%3fy%3az"),
           std::string("go-style S3cr%25t!%40hunter%2F2x%3Fy%3Az"),
           std::string("json \"S3cr%t!@hunter/2x?y:z\""),
       }) {
    CAPTURE(message);
    std::string scrubbed = s.Scrub(message);
    CHECK(scrubbed.find("***") != std::string::npos);
    CHECK(scrubbed.find("S3cr") == std::string::npos);
    CHECK(scrubbed.find("hunter") == std::string::npos);
  }
  CHECK(s.Scrub("nothing secret here") == "nothing secret here");
}

TEST_CASE("decoded, quoted and escaped forms") {
  SecretScrubber s;
  s.Add("p%40ss%2Fword");  // as written in a URL: its decoded form too
  CHECK(s.Scrub("user p@ss/word") == "user ***");
  SecretScrubber quoted;
  quoted.Add("it's a \"pw\\\"");
  CHECK_FALSE(HasFragment(quoted.Scrub("password='it\\'s a \\\"pw\\\\\\\"'"), "it's a"));
  nlohmann::json j = {{"message", "bad it's a \"pw\\\" here"}, {"list", {"it's a \"pw\\\""}}};
  std::string dumped = quoted.ScrubJson(j).dump();
  CHECK(dumped.find("it's") == std::string::npos);
  CHECK(dumped.find("***") != std::string::npos);
}

TEST_CASE("overlapping hits become one mask; short secrets and fragments are left alone") {
  SecretScrubber s;
  s.Add("abcdef");
  s.Add("defghi");
  CHECK(s.Scrub("x abcdefghi y") == "x *** y");
  SecretScrubber short_one;
  short_one.Add("pw");
  CHECK(short_one.empty());
  CHECK(short_one.Scrub("pw pw") == "pw pw");
  SecretScrubber pieces;
  pieces.Add("ab@cdefg");  // "ab" is too short to mask on its own
  CHECK(pieces.Scrub("ab cdefg") == "ab ***");
}

TEST_CASE("a scrubbed Status keeps everything but its text") {
  SecretScrubber s;
  s.Add("hunter22");
  Status st = Status::Failed("FATAL: password hunter22 rejected");
  st.MarkTransient().WithEngineCode("28P01").At("hunter22.sql", 3);
  Status clean = s.Scrub(st);
  CHECK(clean.message() == "FATAL: password *** rejected");
  CHECK(clean.file() == "***.sql");
  CHECK(clean.line() == 3);
  CHECK(clean.transient());
  CHECK(clean.engine_code() == "28P01");
  CHECK(clean.exit_code() == 1);
  SecretScrubber merged;
  merged.Add(s);
  CHECK(merged.Scrub("hunter22") == "***");
}
