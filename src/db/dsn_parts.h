// Pieces shared by the DSN parsers (dsn_postgres.cc, dsn_mysql.cc): URL
// splitting as libpq does it, percent-decoding, ports, query parameters,
// and error messages that name a part without quoting it. Internal to
// src/db/dsn*.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "db/dsn.h"

namespace gander::dsn_parts {

using Span = std::pair<size_t, size_t>;  // [begin, end) in the DSN text

inline bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
// The URL forms of each engine's DSN.
inline bool IsPostgresUrl(const std::string& s) { return StartsWith(s, "postgres://") || StartsWith(s, "postgresql://"); }
inline bool IsMysqlUrl(const std::string& s) { return StartsWith(s, "mysql://") || StartsWith(s, "mariadb://"); }

// libpq's isspace() in the C locale.
inline bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// `"name"` when `name` is a plain word (letters, digits, _ . -; at most 64),
// else `fallback`: a name that may be a misread piece of a password is never
// quoted.
std::string NameOrPart(const std::string& name, const std::string& fallback);

// Percent-decodes one part of a DSN ("password", "database name"): a '%'
// without two hex digits after it, or %00 (which libpq refuses), is
// Status::Invalid naming the part and the fix.
Status PercentDecode(const std::string& text, const std::string& part, std::string* out);

// A port, or with `list` a comma-separated list of ports each of which may be
// empty (libpq's multi-host form); *port is set for a single port.
Status CheckPort(const std::string& text, bool list, int* port);

// A URL `scheme://[user[:password]@]host[:port][,host[:port]...][/path][?query]`
// split as libpq's conninfo_uri_parse_options splits it. Refused where a URL
// reader (RFC 3986, goose's pgx) would find another user name or password:
// a second '@' before the path, a '?' before the userinfo's '@', an '@' in
// the path, or an '@' after a '/' that ends a "host:port" whose port is not
// one (a password with an unencoded '/').
struct UrlParts {
  bool has_user = false, has_password = false, has_path = false, has_query = false;
  Span user, password, path, query;
  std::string hosts;  // libpq's host list: names joined by ',' (IPv6 without brackets), raw
  std::string ports;  // libpq's port list, aligned with hosts (empty entries), raw
};
Status SplitUrl(const std::string& text, size_t prefix_length, UrlParts* out);

// `key=value&...` of a URL query, split and decoded as libpq does (every
// parameter needs exactly one '='; an empty one is an error).
struct QueryParam {
  std::string key, value;
  Span value_span;
};
Status ParseQuery(const std::string& text, Span query, std::vector<QueryParam>* out);

// Records a secret: its value and where the DSN writes it.
inline void AddSecret(Dsn* dsn, const std::string& value, Span span) {
  dsn->secrets.push_back(value);
  dsn->secret_spans.push_back(span);
}

// `text` with every span replaced by "***".
std::string MaskSpans(const std::string& text, std::vector<Span> spans);

// Text that may hold a password whatever form it is in: a ':' before an '@'
// (userinfo), or a secret-looking key before an '='. The redactors mask all
// of a text that no form parses, or that one parses without a secret, if so.
bool MayHoldSecret(const std::string& text);

}  // namespace gander::dsn_parts
