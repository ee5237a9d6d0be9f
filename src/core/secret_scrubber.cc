#include "core/secret_scrubber.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/percent_encoding.h"

namespace gander {
namespace {

// Where a misread connection string splits a value: URL and key=value
// syntax, host lists, quoting, whitespace.
constexpr const char* kSplitBytes = "@/?%:,&=;#()'\"\\ \t\n\r\f\v";

// `quotes` escaped with a backslash, and the backslash itself.
std::string BackslashEscape(const std::string& s, const char* quotes) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || (c != '\0' && std::strchr(quotes, c) != nullptr)) out += '\\';
    out += c;
  }
  return out;
}

std::string JsonEscape(const std::string& s) {
  std::string quoted = nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace

void SecretScrubber::AddPattern(const std::string& pattern) {
  if (pattern.size() < kMinLength) return;
  if (std::find(patterns_.begin(), patterns_.end(), pattern) == patterns_.end()) patterns_.push_back(pattern);
}

void SecretScrubber::Add(const std::string& secret) {
  if (secret.size() < kMinLength) return;
  std::vector<std::string> forms = {secret, PercentDecodeLenient(secret), BackslashEscape(secret, "'"),
                                    BackslashEscape(secret, "'\""), JsonEscape(secret)};
  for (bool lower : {false, true}) {
    for (bool only_reserved : {false, true}) forms.push_back(PercentEncode(secret, {lower, only_reserved}));
  }
  for (const std::string& form : forms) AddPattern(form);
  for (const std::string& whole : {forms[0], forms[1]}) {
    size_t start = 0;
    while (start <= whole.size()) {
      size_t end = whole.find_first_of(kSplitBytes, start);
      if (end == std::string::npos) end = whole.size();
      if (end - start < whole.size()) AddPattern(whole.substr(start, end - start));
      start = end + 1;
    }
  }
}

void SecretScrubber::Add(const SecretScrubber& other) {
  for (const std::string& p : other.patterns_) AddPattern(p);
}

std::string SecretScrubber::Scrub(const std::string& text) const {
  if (patterns_.empty() || text.size() < kMinLength) return text;
  std::vector<std::pair<size_t, size_t>> hits;  // [begin, end)
  for (const std::string& p : patterns_) {
    for (size_t at = text.find(p); at != std::string::npos; at = text.find(p, at + 1)) hits.emplace_back(at, at + p.size());
  }
  if (hits.empty()) return text;
  std::sort(hits.begin(), hits.end());
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < hits.size();) {
    size_t begin = hits[i].first, end = hits[i].second;
    for (++i; i < hits.size() && hits[i].first <= end; ++i) end = std::max(end, hits[i].second);
    out.append(text, copied, begin - copied);
    out += kMask;
    copied = end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

Status SecretScrubber::Scrub(const Status& status) const {
  if (patterns_.empty() || status.ok()) return status;
  Status out = status;
  out.WithMessage(Scrub(status.message()));
  if (!status.file().empty()) out.At(Scrub(status.file()), status.line());
  return out;
}

nlohmann::json SecretScrubber::ScrubJson(const nlohmann::json& value) const {
  if (patterns_.empty()) return value;
  if (value.is_string()) return Scrub(value.get<std::string>());
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& element : value) out.push_back(ScrubJson(element));
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, element] : value.items()) out[Scrub(key)] = ScrubJson(element);
    return out;
  }
  return value;
}

std::string FindSecretFragment(const std::string& text, const std::string& secret, size_t min_length) {
  for (size_t i = 0; i + min_length <= secret.size(); ++i) {
    std::string piece = secret.substr(i, min_length);
    if (text.find(piece) != std::string::npos) return piece;
  }
  return "";
}

}  // namespace gander
