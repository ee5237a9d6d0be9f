#include "core/time_text.h"

#include <cctype>
#include <cstdio>

#include "core/audit.h"

namespace gander {
namespace {

bool Digits(const std::string& text, size_t at, size_t count) {
  if (at + count > text.size()) return false;
  for (size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

int Number(const std::string& text, size_t at, size_t count) { return std::stoi(text.substr(at, count)); }

// "YYYY-MM-DD", then optionally [T ]HH:MM[:SS[.fff]]: the canonical
// "YYYY-MM-DDTHH:MM:SS..." prefix it stands for, or "" if it is not one.
std::string IsoPrefix(std::string text) {
  if (!text.empty() && (text.back() == 'Z' || text.back() == 'z')) text.pop_back();
  if (!Digits(text, 0, 4) || text.size() < 10 || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-' ||
      !Digits(text, 8, 2)) {
    return "";
  }
  int month = Number(text, 5, 2), day = Number(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31) return "";
  if (text.size() == 10) return text;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return "";
  text[10] = 'T';
  if (!Digits(text, 11, 2) || text.size() < 16 || text[13] != ':' || !Digits(text, 14, 2)) return "";
  if (Number(text, 11, 2) > 23 || Number(text, 14, 2) > 59) return "";
  if (text.size() == 16) return text;
  if (text[16] != ':' || !Digits(text, 17, 2) || Number(text, 17, 2) > 60) return "";
  if (text.size() == 19) return text;
  if (text[19] != '.' || !Digits(text, 20, text.size() - 20) || text.size() == 20) return "";
  return text;
}

// "1h", "30m", "1d12h": the total, or false if it is not one.
bool ParseAgo(const std::string& text, std::chrono::seconds* out) {
  long long total = 0;
  size_t i = 0;
  if (text.empty()) return false;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start || i - start > 9 || i == text.size()) return false;
    long long n = std::stoll(text.substr(start, i - start));
    switch (text[i++]) {
      case 's': total += n; break;
      case 'm': total += n * 60; break;
      case 'h': total += n * 3600; break;
      case 'd': total += n * 86400; break;
      case 'w': total += n * 7 * 86400; break;
      default: return false;
    }
  }
  *out = std::chrono::seconds(total);
  return true;
}

}  // namespace

std::string HumanDuration(double ms) {
  char buf[32];
  if (ms < 1000) {
    std::snprintf(buf, sizeof buf, "%.1fms", ms);
  } else if (ms < 60 * 1000) {
    std::snprintf(buf, sizeof buf, "%.1fs", ms / 1000);
  } else if (ms < 3600 * 1000) {
    long long s = static_cast<long long>(ms / 1000 + 0.5);
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  } else {
    long long m = static_cast<long long>(ms / 60000 + 0.5);
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", m / 60, m % 60);
  }
  return buf;
}

std::string TrackingTimeRfc3339(const std::string& tstamp) {
  std::string iso = IsoPrefix(tstamp.substr(0, std::min<size_t>(tstamp.size(), 19)));
  return iso.size() == 19 ? iso + "Z" : tstamp;
}

Status ParseSince(const std::string& text, std::chrono::system_clock::time_point now, std::string* bound) {
  std::chrono::seconds ago{0};
  if (ParseAgo(text, &ago)) {
    *bound = FormatUtc(now - ago);
    return Status::OK();
  }
  std::string iso = IsoPrefix(text);
  if (!iso.empty()) {
    *bound = iso;
    return Status::OK();
  }
  return Status::Invalid("--since \"" + text + "\" is neither a duration back from now (30m, 1h, 7d, 2w) nor a UTC "
                         "date or time (2026-11-01, 2026-11-01T12:00)");
}

}  // namespace gander
