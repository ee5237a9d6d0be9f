// Fuzz target for the DSN parsers, the redactor and the secret scrubber:
// the input is a recipe for a DSN in one of gander's forms (PostgreSQL URL,
// query parameter, key=value quoted, escaped or naive; MySQL URL and goose's
// form) holding a password over the whole byte range, NUL included.
//
// The password is built so that every run of 3 of its bytes holds a byte of
// 0x80 or more, and nothing else in the DSN has one: so "no piece of the
// password is shown" becomes "no byte >= 0x80 is shown", exact, without a
// false alarm from a message that happens to spell "'@'". Checked:
//   - no parser message, and no redacted DSN, holds a byte >= 0x80;
//   - a DSN written correctly (percent-encoded, quoted, escaped, goose's raw
//     form) is read with exactly this password and redacted to the expected
//     text, or refused if the password holds a NUL;
//   - a scrubber knowing the DSN's secrets removes the password, whole and in
//     every printed form, from a driver-like message.
//
// Built like parser_fuzz (tests/CMakeLists.txt): with fuzz_main.cc, a seeded
// mutation driver run by ctest as dsn_fuzz, or with clang's libFuzzer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/percent_encoding.h"
#include "core/secret_scrubber.h"
#include "db/client_options.h"
#include "db/dsn.h"

using namespace gander;

namespace {

bool HasHighByte(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return true;
  }
  return false;
}

void Require(bool ok, const char* what, const std::string& dsn, const std::string& detail = "") {
  if (ok) return;
  std::string shown;
  for (unsigned char c : dsn) {
    static const char* kHex = "0123456789abcdef";
    if (c >= 0x20 && c < 0x7f) {
      shown += static_cast<char>(c);
    } else {
      shown += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
    }
  }
  std::fprintf(stderr, "dsn_fuzz: %s\n  dsn: %s\n  %s\n", what, shown.c_str(), detail.c_str());
  std::abort();
}

// libpq key=value unquoted, every blank, quote and backslash escaped.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '\'' || c == ' ' || (c >= '\t' && c <= '\r')) out += '\\';
    out += c;
  }
  return out;
}

struct Recipe {
  std::string dsn;
  bool postgres = true;
  bool written_correctly = false;  // the password must be read back exactly
  std::string redacted;            // for a correctly written DSN: what RedactDsn must give
};

Recipe Build(unsigned form, const std::string& p) {
  auto make = [&](bool pg, bool correct, const std::string& before, const std::string& secret, const std::string& after) {
    return Recipe{before + secret + after, pg, correct, before + "***" + after};
  };
  switch (form % 11) {
    case 0: return make(true, true, "postgres://app:", PercentEncode(p), "@db:5432/shop?sslmode=disable");
    case 1: return make(true, false, "postgres://app:", p, "@db:5432/shop");
    case 2: return make(true, true, "postgresql://app@db/shop?password=", PercentEncode(p), "&sslmode=disable");
    case 3: return make(true, true, "host=db user=app password=", QuoteLibpqValue(p), " dbname=shop");
    case 4: return make(true, true, "host=db password = ", QuoteLibpqValue(p), " dbname=shop");
    case 5: return make(true, !p.empty(), "host=db password=", Escape(p), " dbname=shop");
    case 6: return make(true, false, "host=db password=", p, " dbname=shop");
    case 7: return make(false, true, "mysql://app:", PercentEncode(p), "@db:3306/shop");
    case 8: return make(false, false, "mysql://app:", p, "@db:3306/shop");
    case 9: return make(false, true, "app:", p, "@tcp(db:3306)/shop?parseTime=true");
    default: return make(false, true, "mysql://app@db/shop?password=", PercentEncode(p), "");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  // The password: groups of up to two bytes of any value and one byte >= 0x80.
  std::string password;
  size_t i = 1;
  while (i < size && password.size() < 48) {
    size_t lows = data[i++] % 3;
    for (; lows > 0 && i < size; --lows, ++i) {
      // Half the time one of the bytes a DSN splits at, else 0 to 0x7f.
      static const std::string kSplitting = "@/?%:'\"\\ =&,#[]()\t\n";
      password += data[i] & 0x80 ? kSplitting[(data[i] & 0x7f) % kSplitting.size()] : static_cast<char>(data[i]);
    }
    if (i < size) password += static_cast<char>(data[i++] | 0x80);
  }
  // The form from every byte, so that each mutation may change it.
  unsigned form = 0;
  for (size_t k = 0; k < size; ++k) form = form * 31 + data[k];
  Recipe r = Build(form, password);
  Dsn parsed;
  Status st = r.postgres ? ParsePostgresDsn(r.dsn, &parsed) : ParseMysqlDsn(r.dsn, &parsed);
  Require(!HasHighByte(st.message()), "a parser message shows the password", r.dsn, st.message());
  for (const std::string& redacted : {RedactDsn(r.dsn), RedactPostgresDsn(r.dsn), RedactMysqlDsn(r.dsn)}) {
    Require(!HasHighByte(redacted), "a redacted DSN shows the password", r.dsn, redacted);
  }
  if (r.postgres) {
    std::string conninfo, search_path;
    Status conn = PostgresConninfo(r.dsn, ClientDeadlines(), &conninfo, &search_path);
    Require(!HasHighByte(conn.message()), "PostgresConninfo's message shows the password", r.dsn, conn.message());
    Require(conn.ok() == st.ok(), "PostgresConninfo and the parser disagree", r.dsn);
  }
  bool has_nul = password.find('\0') != std::string::npos;
  if (r.written_correctly) {
    Require(st.ok() != has_nul, "a correctly written DSN is refused, or one with a NUL accepted", r.dsn, st.message());
    if (st.ok()) {
      Require(parsed.secrets.size() == 1 && parsed.secrets[0] == password, "the password is misread", r.dsn);
      std::string redacted = r.postgres ? RedactPostgresDsn(r.dsn) : RedactMysqlDsn(r.dsn);
      Require(redacted == r.redacted, "the redaction is not the password's span", r.dsn, redacted);
    }
  }
  // The scrubber, on what a driver might print.
  SecretScrubber scrubber;
  for (const std::string& secret : DsnSecrets(r.dsn)) scrubber.Add(secret);
  bool read_as_written = st.ok() && parsed.secrets.size() == 1 && parsed.secrets[0] == password;
  if (read_as_written && password.size() >= SecretScrubber::kMinLength) {
    for (const std::string& printed : {password, PercentEncode(password), QuoteLibpqValue(password)}) {
      std::string message = "FATAL: password \"" + printed + "\" rejected for user app";
      std::string scrubbed = scrubber.Scrub(message);
      Require(!HasHighByte(scrubbed) && scrubbed.find(PercentEncode(password)) == std::string::npos,
              "the scrubber leaves the password", r.dsn, scrubbed);
    }
  }
  return 0;
}
