// Fuzz target for the .env parser (core/dotenv.h): any bytes. It must
// return, never crash, hang or read out of bounds; an error names its line;
// every key it returns is non-empty and holds no '=' or newline.
//
// Built like parser_fuzz.cc (tests/CMakeLists.txt): with clang's libFuzzer
// (-DGANDER_LIBFUZZER=ON) or with fuzz_main.cc's seeded mutation driver.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "core/dotenv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> values;
  gander::Status st = gander::ParseDotenv(text, &values);
  if (!st.ok() && st.line() < 1) std::abort();  // errors always say which line
  if (st.ok()) {
    for (const auto& [key, value] : values) {
      if (key.empty() || key.find_first_of("=\n") != std::string::npos) std::abort();
    }
  }
  return 0;
}
