#include "db/dsn_parts.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/percent_encoding.h"

namespace gander::dsn_parts {
namespace {

bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether libpq's port list holds only numbers (or empty entries).
bool PortsAreNumbers(const std::string& ports) {
  size_t start = 0;
  while (true) {
    size_t comma = ports.find(',', start);
    if (!AllDigits(ports.substr(start, comma == std::string::npos ? std::string::npos : comma - start))) return false;
    if (comma == std::string::npos) return true;
    start = comma + 1;
  }
}

Status Refuse(const std::string& part, char c, const char* encoded) {
  return Status::Invalid("the DSN's " + part + " contains an unencoded '" + std::string(1, c) +
                         "'; percent-encode it as " + encoded);
}

}  // namespace

std::string NameOrPart(const std::string& name, const std::string& fallback) {
  bool plain = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
  return plain ? "\"" + name + "\"" : fallback;
}

Status PercentDecode(const std::string& text, const std::string& part, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      *out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || HexDigitValue(text[i + 1]) < 0 || HexDigitValue(text[i + 2]) < 0) {
      return Status::Invalid("the DSN's " + part +
                             " contains a '%' not followed by two hex digits; percent-encode '%' as %25");
    }
    int c = HexDigitValue(text[i + 1]) * 16 + HexDigitValue(text[i + 2]);
    if (c == 0) return Status::Invalid("the DSN's " + part + " contains a percent-encoded zero byte, which libpq and MySQL refuse");
    *out += static_cast<char>(c);
    i += 2;
  }
  return Status::OK();
}

Status CheckPort(const std::string& text, bool list, int* port) {
  auto bad = [] { return Status::Invalid("the DSN's port is not a number from 1 to 65535"); };
  std::vector<std::string> entries;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    entries.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (!list && entries.size() > 1) return bad();
  for (const std::string& e : entries) {
    if (e.empty() && entries.size() > 1) continue;  // libpq: this host's default port
    if (e.empty() || e.size() > 5 || !AllDigits(e)) return bad();
    long value = std::strtol(e.c_str(), nullptr, 10);
    if (value < 1 || value > 65535) return bad();
  }
  if (entries.size() == 1 && !text.empty()) *port = static_cast<int>(std::strtol(text.c_str(), nullptr, 10));
  return Status::OK();
}

Status SplitUrl(const std::string& text, size_t prefix_length, UrlParts* out) {
  *out = UrlParts();
  const size_t n = text.size(), npos = std::string::npos;
  size_t p = prefix_length;
  // libpq: the userinfo ends at the first '@' seen before any '/'. A URL
  // reader: at the last '@' of the authority, which ends at '/' or '?'.
  size_t libpq_at = text.find_first_of("@/", p);
  if (libpq_at != npos && text[libpq_at] != '@') libpq_at = npos;
  size_t authority_end = std::min(text.find_first_of("/?", p), n);
  size_t url_at = text.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
  if (url_at != npos && (url_at < p || url_at >= authority_end)) url_at = npos;
  size_t colon = text.find(':', p);
  if (libpq_at != url_at) {
    if (url_at != npos) return Refuse(colon < libpq_at ? "password" : "user name", '@', "%40");
    size_t question = text.find('?', p);
    if (colon < question) return Refuse("password", '?', "%3F");
    return Status::Invalid("the DSN has an unencoded '@' in its query and no '/' before it: libpq would read the "
                           "text before it as a user name; percent-encode the '@' as %40");
  }
  if (libpq_at != npos) {
    size_t user_end = std::min(colon, libpq_at);
    out->has_user = true;
    out->user = {p, user_end};
    if (user_end < libpq_at) {
      out->has_password = true;
      out->password = {user_end + 1, libpq_at};
    }
    p = libpq_at + 1;
  }
  // Hosts: host[:port] or [v6][:port], separated by ','.
  while (true) {
    if (p < n && text[p] == '[') {
      size_t close = text.find(']', p);
      if (close == npos) return Status::Invalid("the DSN's IPv6 host has no closing ']'");
      if (close == p + 1) return Status::Invalid("the DSN's IPv6 host is empty");
      out->hosts += text.substr(p + 1, close - p - 1);
      p = close + 1;
      if (p < n && std::string(":/?,").find(text[p]) == npos) {
        return Status::Invalid("the DSN has an unexpected character after an IPv6 host's ']' (expected ':' or '/')");
      }
    } else {
      size_t end = std::min(text.find_first_of(":/?,", p), n);
      out->hosts += text.substr(p, end - p);
      p = end;
    }
    if (p < n && text[p] == ':') {
      size_t end = std::min(text.find_first_of("/?,", p + 1), n);
      out->ports += text.substr(p + 1, end - p - 1);
      p = end;
    }
    if (p >= n || text[p] != ',') break;
    ++p;
    out->hosts += ',';
    out->ports += ',';
  }
  if (p < n && text[p] == '/') {
    size_t end = std::min(text.find('?', p + 1), n);
    out->has_path = true;
    out->path = {p + 1, end};
    p = end;
    size_t at = text.find('@', out->path.first);
    if (at < end) {
      if (!out->has_user && colon < at && !PortsAreNumbers(out->ports)) return Refuse("password", '/', "%2F");
      return Status::Invalid("the DSN's database name contains an unencoded '@'; percent-encode it as %40 "
                             "(a '/' in a password as %2F)");
    }
  }
  if (!out->has_user && out->has_path && colon < out->path.first && !PortsAreNumbers(out->ports) &&
      text.find('@', out->path.first) != npos) {
    return Refuse("password", '/', "%2F");
  }
  if (p < n && text[p] == '?') {
    out->has_query = true;
    out->query = {p + 1, n};
  }
  return Status::OK();
}

Status ParseQuery(const std::string& text, Span query, std::vector<QueryParam>* out) {
  out->clear();
  size_t pos = query.first;
  while (pos < query.second) {
    size_t key_begin = pos, equals = std::string::npos;
    for (; pos < query.second && text[pos] != '&'; ++pos) {
      if (text[pos] != '=') continue;
      if (equals != std::string::npos) {
        std::string name = NameOrPart(text.substr(key_begin, equals - key_begin), "");
        return Status::Invalid((name.empty() ? std::string("a DSN parameter") : "the DSN's parameter " + name) +
                               " holds an unencoded '='; percent-encode it as %3D");
      }
      equals = pos;
    }
    if (equals == std::string::npos) {
      return Status::Invalid("a DSN parameter has no '=' (write name=value, separated by '&')");
    }
    QueryParam param;
    GANDER_RETURN_IF_ERROR(PercentDecode(text.substr(key_begin, equals - key_begin), "parameter name", &param.key));
    param.value_span = {equals + 1, pos};
    GANDER_RETURN_IF_ERROR(PercentDecode(text.substr(equals + 1, pos - equals - 1),
                                         NameOrPart(param.key, "").empty() ? "parameter value"
                                                                        : "parameter " + NameOrPart(param.key, ""),
                                         &param.value));
    out->push_back(std::move(param));
    if (pos < query.second) ++pos;  // the '&'
  }
  return Status::OK();
}

std::string MaskSpans(const std::string& text, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end());
  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < spans.size();) {
    size_t begin = spans[i].first, end = spans[i].second;
    for (++i; i < spans.size() && spans[i].first <= end; ++i) end = std::max(end, spans[i].second);  // overlapping
    out.append(text, copied, begin - copied);
    out += "***";
    copied = end;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

bool MayHoldSecret(const std::string& text) {
  size_t colon = text.find(':');
  if (colon != std::string::npos && text.find('@', colon) != std::string::npos) return true;
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"pass", "pwd", "secret"}) {
    size_t at = lower.find(word);
    if (at != std::string::npos && lower.find('=', at) != std::string::npos) return true;
  }
  return false;
}

}  // namespace gander::dsn_parts
