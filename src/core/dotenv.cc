#include "core/dotenv.h"

#include <cctype>

namespace gander {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool ValidKey(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Parses a value; false when a quote is not closed or text follows it.
bool ParseValue(std::string_view raw, std::string* value) {
  raw = Trim(raw);
  value->clear();
  if (!raw.empty() && (raw[0] == '\'' || raw[0] == '"')) {
    char quote = raw[0];
    size_t i = 1;
    for (; i < raw.size() && raw[i] != quote; ++i) {
      if (quote == '"' && raw[i] == '\\' && i + 1 < raw.size()) {
        char next = raw[++i];
        *value += next == 'n' ? '\n' : next;
      } else {
        *value += raw[i];
      }
    }
    if (i >= raw.size()) return false;
    std::string_view rest = Trim(raw.substr(i + 1));
    return rest.empty() || rest[0] == '#';
  }
  size_t comment = raw.find(" #");
  if (comment != std::string_view::npos) raw = raw.substr(0, comment);
  *value = std::string(Trim(raw));
  return true;
}

}  // namespace

Status ParseDotenv(std::string_view text, std::map<std::string, std::string>* out) {
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    size_t end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = Trim(line.substr(7));
    size_t eq = line.find('=');
    std::string_view key = eq == std::string_view::npos ? line : Trim(line.substr(0, eq));
    std::string value;
    if (eq == std::string_view::npos || !ValidKey(key) || !ParseValue(line.substr(eq + 1), &value)) {
      return Status::Invalid("malformed line (expected KEY=VALUE)").At(".env", line_no);
    }
    (*out)[std::string(key)] = value;
  }
  return Status::OK();
}

}  // namespace gander
