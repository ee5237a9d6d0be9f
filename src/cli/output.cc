#include "cli/output.h"

namespace gander {

void Output::Line(const std::string& text) const {
  if (json_) return;
  std::fputs(text.c_str(), out_);
  std::fputc('\n', out_);
}

void Output::Verbose(const std::string& text) const {
  if (!verbose_) return;
  std::fprintf(err_, "gander: %s\n", text.c_str());
}

void Output::Notice(const std::string& text) const { std::fprintf(err_, "gander: %s\n", text.c_str()); }

void Output::Json(const nlohmann::json& value) const {
  if (!json_) return;
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fputs(text.c_str(), out_);
  std::fputc('\n', out_);
}

int Output::Error(const std::string& what, const Status& status) const {
  if (json_) {
    nlohmann::json err = {{"command", what}, {"message", status.message()}, {"exit_code", status.exit_code()}};
    err["file"] = status.file().empty() ? nlohmann::json() : nlohmann::json(status.file());
    err["line"] = status.line() > 0 ? nlohmann::json(status.line()) : nlohmann::json();
    Json({{"error", err}});
  } else {
    // One line, always: an engine message may span several.
    std::string text = status.ToString();
    for (char& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    std::fprintf(err_, "gander: %s: %s\n", what.c_str(), text.c_str());
  }
  return status.exit_code();
}

}  // namespace gander
