#include "core/envsub.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

using namespace gander;

namespace {

// SETV=val, EMPTYV= (set, empty), REF=$SETV (a value that looks like a reference);
// everything else is unset.
EnvLookup TestEnv() {
  static const std::map<std::string, std::string> kVars = {{"SETV", "val"}, {"EMPTYV", ""}, {"REF", "$SETV"},
                                                           {"LONG", "abcdef"}};
  return [](const std::string& name) -> std::optional<std::string> {
    auto it = kVars.find(name);
    if (it == kVars.end()) return std::nullopt;
    return it->second;
  };
}

std::string Expand(const std::string& line) {
  std::string out;
  Status st = ExpandEnv(line, TestEnv(), &out);
  REQUIRE_MESSAGE(st.ok(), st.ToString());
  return out;
}

std::string ErrorOf(const std::string& line) {
  std::string out;
  Status st = ExpandEnv(line, TestEnv(), &out);
  REQUIRE_FALSE(st.ok());
  CHECK(st.code() == StatusCode::kInvalid);
  CHECK(st.message().find('\n') == std::string::npos);
  return st.message();
}

}  // namespace

TEST_CASE("ENVSUB expands $VAR and ${VAR}") {
  CHECK(Expand("CREATE TABLE ${SETV}_t ($SETV int);") == "CREATE TABLE val_t (val int);");
  CHECK(Expand("x${EMPTYV}y") == "xy");
  CHECK(Expand("$SETV.col $SETV-1") == "val.col val-1");  // a name is letters, digits and _
  CHECK(Expand("no references here") == "no references here");
  CHECK(Expand("").empty());
}

TEST_CASE("ENVSUB default and required operators") {
  CHECK(Expand("${UNSET_X:-d1} ${EMPTYV:-d2} ${SETV:-d3}") == "d1 d2 val");
  CHECK(Expand("${UNSET_X-d4} ${EMPTYV-d5} ${SETV-d6}") == "d4  val");
  CHECK(Expand("${UNSET_X:-}") == "");
  CHECK(Expand("${UNSET_X:-${SETV}}") == "val");             // defaults may hold references
  CHECK(Expand("${SETV:-${UNSET_Y}}") == "val");             // an unused default is not looked up
  CHECK(Expand("${EMPTYV?need it}") == "");                  // set but empty satisfies ?
  CHECK(ErrorOf("${UNSET_X?need it}").find("$UNSET_X: need it") != std::string::npos);
  CHECK(ErrorOf("${UNSET_X?}").find("$UNSET_X: not set") != std::string::npos);
}

TEST_CASE("ENVSUB substrings count bytes, negative values from the end") {
  CHECK(Expand("${LONG:1}") == "bcdef");
  CHECK(Expand("${LONG:0:2}") == "ab");
  CHECK(Expand("${LONG:-2}") == "abcdef");  // that is the :- operator, "2" the default
  CHECK(Expand("${LONG: -2}") == "ef");
  CHECK(Expand("${LONG:1:-1}") == "bcde");
  CHECK(Expand("${LONG:10}") == "");
  CHECK(Expand("${LONG:2:100}") == "cdef");
  CHECK(Expand("${LONG:-100:2}") == "abcdef");  // again :- with default "100:2"
  CHECK(Expand("${LONG: -100:2}") == "ab");
  CHECK(Expand("${LONG:4:-5}") == "");
  CHECK(ErrorOf("${SETV:?need it}").find("invalid offset") != std::string::npos);
  CHECK(ErrorOf("${SETV:1:x}").find("invalid length") != std::string::npos);
}

TEST_CASE("ENVSUB escapes and literal dollars") {
  CHECK(Expand("\\$SETV") == "$SETV");
  CHECK(Expand("$$SETV") == "$SETV");
  CHECK(Expand("AS $$ BEGIN $$") == "AS $ BEGIN $");
  CHECK(Expand("a \\\\ b") == "a \\\\ b");  // an escaped backslash stays doubled, as in goose
  CHECK(Expand("\\\\$SETV") == "\\\\val");
  CHECK(Expand("$(date)") == "$(date)");
  CHECK(Expand("cost: 5$") == "cost: 5$");  // `$` ending the line
  CHECK(Expand("a\\b") == "a\\b");
}

TEST_CASE("ENVSUB results are never expanded again") {
  CHECK(Expand("${REF}") == "$SETV");
  CHECK(Expand("${UNSET_X:-${REF}}") == "$SETV");
}

TEST_CASE("ENVSUB syntax errors") {
  CHECK(ErrorOf("SELECT $1;").find("got '1'") != std::string::npos);
  CHECK(ErrorOf("SELECT '$ 5';").find("expected a variable name") != std::string::npos);
  CHECK(ErrorOf("${_X}").find("got '_'") != std::string::npos);
  CHECK(ErrorOf("'${SETV';").find("got '''") != std::string::npos);
  CHECK(ErrorOf("${SETV").find("end of line") != std::string::npos);
  CHECK(ErrorOf("${SETV:-x").find("missing '}'") != std::string::npos);
  CHECK(ErrorOf("${}").find("expected a variable name") != std::string::npos);
  // Syntax is checked before values: the unset variable is not what is reported.
  CHECK(ErrorOf("$UNSET_X $1").find("got '1'") != std::string::npos);
}

TEST_CASE("ENVSUB: an unset variable without an operator is an error naming it (goose: empty)") {
  std::string message = ErrorOf("SELECT '${UNSET_X}';");
  CHECK(message.find("$UNSET_X is not set") != std::string::npos);
  CHECK(message.find("${UNSET_X:-}") != std::string::npos);
  CHECK(ErrorOf("SELECT $UNSET_X;").find("$UNSET_X") != std::string::npos);
  CHECK(ErrorOf("${UNSET_X:0:2}").find("$UNSET_X") != std::string::npos);
}

TEST_CASE("ENVSUB with an empty EnvLookup treats every variable as unset") {
  std::string out;
  CHECK(ExpandEnv("${A:-x}", EnvLookup(), &out).ok());
  CHECK(out == "x");
  CHECK_FALSE(ExpandEnv("$A", EnvLookup(), &out).ok());
}
