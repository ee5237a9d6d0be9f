// Fuzz target for the fleet's targets file (core/targets.h): any bytes as
// the JSON file, and as a --select list. Parsing must return (no exception
// escapes, no crash, hang or out-of-bounds read); an error has a message; every
// parsed target has a name.
//
// Built like parser_fuzz.cc (tests/CMakeLists.txt): with clang's libFuzzer
// (-DGANDER_LIBFUZZER=ON) or with fuzz_main.cc's seeded mutation driver.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  gander::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "PW") return std::string("s3cret");
    if (name == "NESTED") return std::string("${PW}");  // values are never re-expanded
    return std::nullopt;
  };
  gander::TargetsFile file;
  gander::Status st = gander::ParseTargetsFile(text, env, &file);
  if (!st.ok() && st.message().empty()) std::abort();
  if (st.ok()) {
    for (const gander::TargetSpec& t : file.targets) {
      if (t.name.empty()) std::abort();
    }
  }
  std::vector<gander::Selector> selectors;
  st = gander::ParseSelectors(text, &selectors);
  if (st.ok()) {
    gander::SelectorsMatch(selectors, "name", {{"tier", "gold"}});
  }
  return 0;
}
