#include "core/lint/report.h"

#include <cctype>
#include <map>

#include "core/checksum.h"

namespace gander::lint {
namespace {

std::string Escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string DocLink(const std::string& rule) {
  std::string anchor = rule;
  for (char& c : anchor) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "docs/lint.md#" + anchor;
}

std::string FormatText(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.file + ":" + std::to_string(f.line) + ": " + f.rule + " " + SeverityName(f.severity) + ": " + f.message +
           "\n    fix: " + f.fix + " (" + DocLink(f.rule) + ")\n";
  }
  return out;
}

nlohmann::json FindingsJson(const std::vector<Finding>& findings) {
  nlohmann::json list = nlohmann::json::array();
  for (const Finding& f : findings) {
    list.push_back({{"rule", f.rule}, {"severity", SeverityName(f.severity)}, {"file", f.file}, {"line", f.line},
                    {"version", f.version}, {"direction", DirectionName(f.direction)}, {"message", f.message},
                    {"fix", f.fix}, {"doc", DocLink(f.rule)}});
  }
  return list;
}

std::string FormatGithub(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string("::") + (f.severity == Severity::kError ? "error" : "warning") + " file=" + Escape(f.file, true) +
           ",line=" + std::to_string(f.line) + ",title=" + Escape(f.rule, true) + "::" +
           Escape(f.message + "\nfix: " + f.fix, false) + "\n";
  }
  return out;
}

std::string FormatGitlab(const std::vector<Finding>& findings) {
  nlohmann::json report = nlohmann::json::array();
  std::map<std::string, int> seen;
  for (const Finding& f : findings) {
    std::string key = f.rule + '\x1f' + f.file + '\x1f' + f.message;
    int occurrence = seen[key]++;
    report.push_back({{"description", f.rule + ": " + f.message + " (fix: " + f.fix + ")"},
                      {"check_name", f.rule},
                      {"fingerprint", Sha256Hex(key + '\x1f' + std::to_string(occurrence))},
                      {"severity", f.severity == Severity::kError ? "critical" : "minor"},
                      {"location", {{"path", f.file}, {"lines", {{"begin", f.line}}}}}});
  }
  return report.dump(2) + "\n";
}

}  // namespace gander::lint
