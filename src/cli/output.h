// How gander talks to its user: text for people, one JSON object per command
// with --json. Errors are one line on stderr, `gander: <what>: <why>`, or
// {"error": {...}} on stdout with --json.
#pragma once

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "core/secret_scrubber.h"
#include "core/status.h"

namespace gander {

class Output {
 public:
  Output(bool json, bool verbose, std::FILE* out = stdout, std::FILE* err = stderr)
      : json_(json), verbose_(verbose), out_(out), err_(err) {}

  enum class Color { kGreen, kYellow, kRed };
  // Colors only for a terminal: stdout is a TTY, NO_COLOR is unset and TERM
  // is not "dumb" (https://no-color.org). Piped output stays plain text.
  void EnableColorIfTerminal();
  // `text` in `color` when colors are on, else unchanged.
  std::string Paint(const std::string& text, Color color) const;

  // Secrets masked in everything printed from now on: the last line of
  // defence behind the DSN's redaction (db/dsn.h) and the driver's scrubber.
  void AddSecrets(const SecretScrubber& secrets) { scrubber_.Add(secrets); }

  bool json() const { return json_; }
  bool verbose() const { return verbose_; }

  // A line of text for people, flushed at once; dropped in JSON mode.
  void Line(const std::string& text) const;
  // A line of detail, only with -v (to stderr, so stdout stays parseable).
  void Verbose(const std::string& text) const;
  // A notice to stderr in both modes (e.g. adopting a goose database).
  void Notice(const std::string& text) const;
  // Text for people exactly as given (no newline added, e.g. a table or a
  // stored document); dropped in JSON mode.
  void Text(const std::string& text) const;
  // Text to stderr exactly as given, in both modes, flushed: a progress line
  // that rewrites itself, or a question before reading the answer.
  void Progress(const std::string& text) const;
  // A text-mode Output writing everything to stderr with the same secrets:
  // what a prompt shows while stdout stays for the command's result.
  Output ForPrompt() const;
  // The command's JSON result (JSON mode only).
  void Json(const nlohmann::json& value) const;
  // Reports a failed command; returns its exit code. `what` is the command.
  int Error(const std::string& what, const Status& status) const;

 private:
  bool json_;
  bool verbose_;
  bool color_ = false;
  std::FILE* out_;
  std::FILE* err_;
  SecretScrubber scrubber_;
};

}  // namespace gander
