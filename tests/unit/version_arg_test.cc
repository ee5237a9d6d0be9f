#include "core/version_arg.h"

#include <doctest/doctest.h>

using namespace gander;

TEST_CASE("a version argument is digits only, from 0 to INT64_MAX") {
  int64_t v = -1;
  REQUIRE(ParseVersionArgument("0", &v).ok());
  CHECK(v == 0);
  REQUIRE(ParseVersionArgument("20261124120000", &v).ok());
  CHECK(v == 20261124120000);
  REQUIRE(ParseVersionArgument("00042", &v).ok());
  CHECK(v == 42);
  REQUIRE(ParseVersionArgument("9223372036854775807", &v).ok());
  CHECK(v == INT64_MAX);
}

TEST_CASE("overflow, negative and junk are one-line usage errors that leave the output untouched") {
  int64_t v = 7;
  auto error = [&](const std::string& text) {
    Status st = ParseVersionArgument(text, &v);
    CHECK(st.code() == StatusCode::kInvalid);
    return st.message();
  };
  CHECK(error("9223372036854775808") ==
        "not a version number: \"9223372036854775808\" (larger than 9223372036854775807, the largest version)");
  CHECK(error("99999999999999999999999").find("larger than") != std::string::npos);
  CHECK(error("-3") == "not a version number: \"-3\" (versions are 0 or more)");
  CHECK(error("") == "not a version number: \"\" (empty)");
  CHECK(error("12abc") == "not a version number: \"12abc\" (digits only)");
  CHECK(error("+5") == "not a version number: \"+5\" (digits only)");
  CHECK(error(" 5") == "not a version number: \" 5\" (digits only)");
  CHECK(error("0x10") == "not a version number: \"0x10\" (digits only)");
  // Escaped as file names are (EscapeControlCharacters): C1 controls too.
  CHECK(error("1\n2") == "not a version number: \"1\\n2\" (digits only)");
  CHECK(error("1\xc2\x9b") == "not a version number: \"1\\u009b\" (digits only)");
  CHECK(v == 7);
}
