#include "db/dsn.h"

#include <cctype>
#include <cstdlib>

namespace gander {
namespace {

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Status ParsePort(const std::string& text, int* port) {
  if (text.empty()) return Status::OK();
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || value < 1 || value > 65535) return Status::Invalid("invalid port \"" + text + "\" in DSN");
  *port = static_cast<int>(value);
  return Status::OK();
}

// host, host:port or [v6]:port.
Status ParseHostPort(const std::string& text, Dsn* out) {
  size_t colon = text.rfind(':');
  if (!text.empty() && text[0] == '[') {
    size_t close = text.find(']');
    out->host = text.substr(1, close - 1);
    colon = text.find(':', close);
  } else {
    out->host = text.substr(0, colon);
  }
  return colon == std::string::npos ? Status::OK() : ParsePort(text.substr(colon + 1), &out->port);
}

void ParseQuery(const std::string& query, Dsn* out) {
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    std::string pair = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    size_t eq = pair.find('=');
    if (!pair.empty()) {
      out->params[PercentDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1));
    }
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
}

// scheme://[user[:password]@]host[:port][/database][?query]
Status ParseUrl(const std::string& text, Dsn* out) {
  size_t scheme_end = text.find("://");
  std::string rest = text.substr(scheme_end + 3);
  size_t query = rest.find('?');
  if (query != std::string::npos) {
    ParseQuery(rest.substr(query + 1), out);
    rest = rest.substr(0, query);
  }
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) out->database = PercentDecode(rest.substr(slash + 1));
  size_t at = authority.rfind('@');
  if (at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    size_t colon = userinfo.find(':');
    out->user = PercentDecode(userinfo.substr(0, colon));
    if (colon != std::string::npos) out->password = PercentDecode(userinfo.substr(colon + 1));
    authority = authority.substr(at + 1);
  }
  return ParseHostPort(authority, out);
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// libpq's key=value form: values may be 'single quoted' with \' and \\ escapes.
Status ParseKeyValue(const std::string& text, Dsn* out) {
  size_t i = 0;
  auto skip_space = [&] { while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i; };
  while (true) {
    skip_space();
    if (i >= text.size()) break;
    size_t eq = text.find('=', i);
    if (eq == std::string::npos) return Status::Invalid("malformed connection string: expected key=value");
    std::string key = text.substr(i, eq - i);
    while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
    i = eq + 1;
    skip_space();
    std::string value;
    if (i < text.size() && text[i] == '\'') {
      ++i;
      while (i < text.size() && text[i] != '\'') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i++];
      }
      if (i >= text.size()) return Status::Invalid("malformed connection string: unterminated quote");
      ++i;
    } else {
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) value += text[i++];
    }
    if (key == "host" || key == "hostaddr") {
      out->host = value;
    } else if (key == "port") {
      GANDER_RETURN_IF_ERROR(ParsePort(value, &out->port));
    } else if (key == "user") {
      out->user = value;
    } else if (key == "password") {
      out->password = value;
    } else if (key == "dbname") {
      out->database = value;
    } else {
      out->params[key] = value;
    }
  }
  return Status::OK();
}

}  // namespace

Status ParsePostgresDsn(const std::string& text, Dsn* out) {
  *out = Dsn();
  if (StartsWith(text, "postgres://") || StartsWith(text, "postgresql://")) return ParseUrl(text, out);
  if (text.find('=') != std::string::npos) return ParseKeyValue(text, out);
  return Status::Invalid("not a PostgreSQL connection string: use postgres://user:pass@host:port/db or key=value pairs");
}

namespace {

bool IsUrl(const std::string& text) { return StartsWith(text, "postgres://") || StartsWith(text, "postgresql://"); }

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A libpq key=value value, quoted so that any character survives.
std::string KeyValueQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

namespace {

// scheme://authority[/database][?query] with the database replaced.
std::string UrlForDatabase(const std::string& text, const std::string& database) {
  size_t authority = text.find("://") + 3;
  size_t query = text.find('?', authority);
  size_t slash = text.find('/', authority);
  if (slash != std::string::npos && query != std::string::npos && slash > query) slash = std::string::npos;
  size_t path_end = query == std::string::npos ? text.size() : query;
  size_t path_start = slash == std::string::npos ? path_end : slash;
  return text.substr(0, path_start) + "/" + PercentEncode(database) + text.substr(path_end);
}

}  // namespace

Status PostgresDsnForDatabase(const std::string& text, const std::string& database, std::string* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParsePostgresDsn(text, &parsed));
  // libpq's key=value form: the last value of a key wins.
  *out = IsUrl(text) ? UrlForDatabase(text, database) : text + " dbname=" + KeyValueQuote(database);
  return Status::OK();
}

Status MysqlDsnForDatabase(const std::string& text, const std::string& database, std::string* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParseMysqlDsn(text, &parsed));
  if (StartsWith(text, "mysql://") || StartsWith(text, "mariadb://")) {
    *out = UrlForDatabase(text, database);
    return Status::OK();
  }
  // goose's form: ...@tcp(host:port)/dbname?params
  size_t query = text.find('?', text.rfind(')') == std::string::npos ? 0 : text.rfind(')'));
  size_t slash = text.rfind('/', query == std::string::npos ? std::string::npos : query);
  *out = text.substr(0, slash + 1) + database + (query == std::string::npos ? "" : text.substr(query));
  return Status::OK();
}

Status PostgresDsnForSchema(const std::string& text, const std::string& schema, std::string* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParsePostgresDsn(text, &parsed));
  if (parsed.params.count("search_path") || parsed.params.count("schema")) {
    return Status::Invalid("the DSN already names a search_path; a schema pattern sets it per target");
  }
  if (!IsUrl(text)) {
    *out = text + " search_path=" + KeyValueQuote(schema);
  } else {
    *out = text + (text.find('?') == std::string::npos ? "?" : "&") + "search_path=" + PercentEncode(schema);
  }
  return Status::OK();
}

Status ParseMysqlDsn(const std::string& text, Dsn* out) {
  *out = Dsn();
  if (StartsWith(text, "mysql://") || StartsWith(text, "mariadb://")) {
    GANDER_RETURN_IF_ERROR(ParseUrl(text, out));
  } else {
    // goose / go-sql-driver form: [user[:password]@][tcp(host:port)|unix(path)]/dbname[?params]
    size_t slash = text.rfind('/');
    size_t at = text.rfind('@', slash);
    if (slash == std::string::npos) {
      return Status::Invalid("not a MySQL connection string: use mysql://user:pass@host:port/db or user:pass@tcp(host:port)/db");
    }
    std::string rest = text.substr(slash + 1);
    size_t query = rest.find('?');
    if (query != std::string::npos) ParseQuery(rest.substr(query + 1), out);
    out->database = rest.substr(0, query);
    std::string address = text.substr(at == std::string::npos ? 0 : at + 1, slash - (at == std::string::npos ? 0 : at + 1));
    if (at != std::string::npos) {
      std::string userinfo = text.substr(0, at);
      size_t colon = userinfo.find(':');
      out->user = userinfo.substr(0, colon);
      if (colon != std::string::npos) out->password = userinfo.substr(colon + 1);
    }
    if (StartsWith(address, "tcp(") && address.back() == ')') {
      GANDER_RETURN_IF_ERROR(ParseHostPort(address.substr(4, address.size() - 5), out));
    } else if (StartsWith(address, "unix(") && address.back() == ')') {
      out->socket = address.substr(5, address.size() - 6);
    } else if (!address.empty()) {
      return Status::Invalid("unsupported MySQL address \"" + address + "\": use tcp(host:port) or unix(/path)");
    }
  }
  if (out->host.empty() && out->socket.empty()) out->host = "127.0.0.1";
  if (out->port == 0 && out->socket.empty()) out->port = 3306;
  return Status::OK();
}

std::string RedactDsn(const std::string& text) {
  const std::string mask = "***";
  std::string out = text;
  // URL userinfo (scheme://user:password@host) and goose's MySQL form
  // (user:password@tcp(host)/db). Passwords may hold '@' or '/', so the
  // separator is the last '@' before the query (URL) or the address (goose).
  size_t scheme = out.find("://");
  size_t user_start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t at = std::string::npos;
  if (scheme != std::string::npos) {
    at = out.rfind('@', out.find('?', user_start));
  } else {
    for (const char* address : {"@tcp(", "@unix("}) {
      if (at == std::string::npos) at = out.find(address);
    }
    if (at == std::string::npos) at = out.rfind('@', out.rfind('/'));
  }
  if (at != std::string::npos && at >= user_start) {
    size_t colon = out.find(':', user_start);
    if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, mask);
  }
  // key=value forms: password=... (libpq) and ?password=... (URL query).
  for (const char* key : {"password=", "pass="}) {
    size_t pos = 0;
    while ((pos = out.find(key, pos)) != std::string::npos) {
      bool at_boundary = pos == 0 || std::isspace(static_cast<unsigned char>(out[pos - 1])) || out[pos - 1] == '?' ||
                         out[pos - 1] == '&';
      size_t value = pos + std::char_traits<char>::length(key);
      if (!at_boundary) {
        pos = value;
        continue;
      }
      size_t end = value;
      if (end < out.size() && out[end] == '\'') {
        ++end;
        while (end < out.size() && out[end] != '\'') end += out[end] == '\\' ? 2 : 1;
        end = std::min(end + 1, out.size());
      } else {
        while (end < out.size() && !std::isspace(static_cast<unsigned char>(out[end])) && out[end] != '&') ++end;
      }
      out.replace(value, end - value, mask);
      pos = value + mask.size();
    }
  }
  return out;
}

}  // namespace gander
