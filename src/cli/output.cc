#include "cli/output.h"

#include <unistd.h>

#include <cstdlib>

namespace gander {

void Output::EnableColorIfTerminal() {
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  color_ = !json_ && isatty(fileno(out_)) && (no_color == nullptr || *no_color == '\0') &&
           !(term != nullptr && std::string(term) == "dumb");
}

std::string Output::Paint(const std::string& text, Color color) const {
  if (!color_) return text;
  const char* code = color == Color::kGreen ? "\033[32m" : color == Color::kYellow ? "\033[33m" : "\033[31m";
  return code + text + "\033[0m";
}

void Output::Line(const std::string& text) const {
  if (json_) return;
  std::fputs(scrubber_.Scrub(text).c_str(), out_);
  std::fputc('\n', out_);
  // Flushed per line: with `2>&1` (a CI log) each line lands in the order it
  // happened, progress on stdout before the error on stderr.
  std::fflush(out_);
}

void Output::Verbose(const std::string& text) const {
  if (!verbose_) return;
  std::fprintf(err_, "gander: %s\n", scrubber_.Scrub(text).c_str());
}

void Output::Notice(const std::string& text) const {
  std::fprintf(err_, "gander: %s\n", scrubber_.Scrub(text).c_str());
}

void Output::Text(const std::string& text) const {
  if (json_) return;
  std::fputs(scrubber_.Scrub(text).c_str(), out_);
}

void Output::Progress(const std::string& text) const {
  std::fputs(scrubber_.Scrub(text).c_str(), err_);
  std::fflush(err_);
}

Output Output::ForPrompt() const {
  Output prompt(false, false, err_, err_);
  prompt.scrubber_ = scrubber_;
  return prompt;
}

void Output::Json(const nlohmann::json& value) const {
  if (!json_) return;
  std::string text = scrubber_.ScrubJson(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fputs(text.c_str(), out_);
  std::fputc('\n', out_);
}

int Output::Error(const std::string& what, const Status& status) const {
  if (json_) {
    nlohmann::json err = {{"command", what}, {"message", status.message()}, {"exit_code", status.exit_code()}};
    err["file"] = status.file().empty() ? nlohmann::json() : nlohmann::json(status.file());
    err["line"] = status.line() > 0 ? nlohmann::json(status.line()) : nlohmann::json();
    if (!status.problems().empty()) {
      nlohmann::json problems = nlohmann::json::array();
      for (const Status& p : status.problems()) {
        problems.push_back({{"file", p.file().empty() ? nlohmann::json() : nlohmann::json(p.file())},
                            {"line", p.line() > 0 ? nlohmann::json(p.line()) : nlohmann::json()},
                            {"message", p.message()}});
      }
      err["problems"] = problems;
    }
    Json({{"error", err}});
  } else {
    // One line per problem, always: an engine message may span several.
    auto one_line = [](std::string text) {
      for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
      }
      return text;
    };
    // Several problems: each as `file:line: message` (as compilers list
    // them), then the count on gander's usual line.
    for (const Status& p : status.problems()) std::fprintf(err_, "%s\n", one_line(scrubber_.Scrub(p.ToString())).c_str());
    std::fprintf(err_, "gander: %s: %s\n", scrubber_.Scrub(what).c_str(),
                 one_line(scrubber_.Scrub(status.ToString())).c_str());
  }
  return status.exit_code();
}

}  // namespace gander
