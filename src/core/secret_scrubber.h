// The last line of defence for secrets: removes known secret values (a DSN's
// password, its other secret parameters) from text about to leave gander, a
// driver's message, an error, a line of output, a JSON value. The first line
// is structural (db/dsn.h: one parser, redaction by the spans it found, DSNs
// the driver would read differently refused); this catches what a client
// library or a server prints on its own. Pure.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace gander {

class SecretScrubber {
 public:
  // What replaces a secret: the same mask as a redacted DSN's.
  static constexpr const char* kMask = "***";
  // Forms and fragments shorter than this are left alone: masking every "ab"
  // would garble all output. A password shorter than 3 bytes is masked in
  // DSNs (by its span) but not searched for in free text.
  static constexpr size_t kMinLength = 3;

  // Adds a secret, as the driver uses it. From then on Scrub masks, when at
  // least kMinLength bytes long: the secret; its percent-encoded forms
  // (every reserved byte, or every byte outside A-Z a-z 0-9 - . _ ~; upper-
  // and lower-case hex); its percent-decoded form (if it holds %XX); its
  // backslash-escaped form (libpq and MySQL quoting) and JSON-escaped form;
  // and each piece between the bytes at which a misread DSN splits it
  // (@ / ? % : , & = ; # ( ) quotes, backslash, whitespace).
  void Add(const std::string& secret);
  // Adds every secret `other` knows.
  void Add(const SecretScrubber& other);
  bool empty() const { return patterns_.empty(); }

  // `text` with every occurrence of every form and fragment replaced by
  // kMask (overlapping occurrences become one mask).
  std::string Scrub(const std::string& text) const;
  // The same Status (code, engine code, marks, line) with its message and
  // file scrubbed.
  Status Scrub(const Status& status) const;
  // Every string of a JSON value, object keys included, scrubbed.
  nlohmann::json ScrubJson(const nlohmann::json& value) const;

 private:
  void AddPattern(const std::string& pattern);

  std::vector<std::string> patterns_;  // unique, each at least kMinLength bytes
};

// The first run of at least `min_length` bytes of `secret` found in `text`,
// or "" if none: what "a piece of the password" means in gander's promise
// that none is ever printed (docs/security.md); tests assert it is "".
std::string FindSecretFragment(const std::string& text, const std::string& secret,
                               size_t min_length = SecretScrubber::kMinLength);

}  // namespace gander
