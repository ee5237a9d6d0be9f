// Fuzz target for the migration parser: any bytes, as a goose file and as a
// paired part, with ENVSUB on. The parser must return (OK or an error with a
// file and a line) and never crash, hang or read out of bounds.
//
// Built two ways (tests/CMakeLists.txt): with clang's libFuzzer
// (-DGANDER_LIBFUZZER=ON), or with fuzz_main.cc, a small seeded mutation
// driver that runs in every CI build, under ASan+UBSan in the sanitizer one.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  gander::EnvLookup env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "EMPTY") return std::string();
    if (name == "NESTED") return std::string("${NESTED}");  // values are never re-expanded
    return std::nullopt;
  };
  gander::ParsedMigration migration;
  gander::Status st = gander::ParseGooseMigration(text, "fuzz.sql", env, &migration);
  if (!st.ok() && (st.file().empty() || st.line() < 0)) std::abort();  // errors always say where
  if (st.ok()) {
    for (const auto& s : migration.up.statements) {
      if (s.line < 1) std::abort();
    }
  }
  gander::MigrationPart part;
  st = gander::ParsePairedPart(text, "fuzz.up.sql", env, &part);
  if (!st.ok() && st.file().empty()) std::abort();
  return 0;
}
