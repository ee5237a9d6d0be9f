// MySQL/MariaDB DSNs. The driver (mysql_driver.cc) hands Connector/C++ the
// parsed fields, never the text, so this reading is the driver's.
#include "db/dsn.h"
#include "db/dsn_migrate.h"
#include "db/dsn_parts.h"

namespace gander {
namespace {

using dsn_parts::Span;

using dsn_parts::IsMysqlUrl;

void AddParams(const std::vector<dsn_parts::QueryParam>& params, Dsn* out) {
  for (const dsn_parts::QueryParam& p : params) {
    if (IsSecretParameter(p.key)) dsn_parts::AddSecret(out, p.value, p.value_span);
    if (IsMigrateParameter(p.key)) {
      out->migrate.emplace_back(p.key, p.value);
    } else {
      out->params[p.key] = p.value;
    }
  }
}

// host, host:port or [v6]:port, already split by SplitUrl into one host and one port.
Status ParseUrl(const std::string& text, Dsn* out) {
  dsn_parts::UrlParts url;
  GANDER_RETURN_IF_ERROR(dsn_parts::SplitUrl(text, text.find("://") + 3, &url));
  auto part = [&](Span s) { return text.substr(s.first, s.second - s.first); };
  if (url.hosts.find(',') != std::string::npos) return Status::Invalid("a MySQL DSN names one host, not a list");
  if (url.has_user) GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(part(url.user), "user name", &out->user));
  if (url.has_password) {
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(part(url.password), "password", &out->password));
    dsn_parts::AddSecret(out, out->password, url.password);
  }
  GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(url.hosts, "host", &out->host));
  std::string port;
  GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(url.ports, "port", &port));
  if (!port.empty()) GANDER_RETURN_IF_ERROR(dsn_parts::CheckPort(port, false, &out->port));
  if (url.has_path) GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(part(url.path), "database name", &out->database));
  if (url.has_query) {
    std::vector<dsn_parts::QueryParam> params;
    GANDER_RETURN_IF_ERROR(dsn_parts::ParseQuery(text, url.query, &params));
    AddParams(params, out);
  }
  return Status::OK();
}

// go-sql-driver's [user[:password]@][net[(addr)]]/dbname[?params]: the last
// '/' ends the address, the last '@' before it ends the userinfo, the first
// ':' in it ends the user name; the password is taken as written.
Status ParseGooseForm(const std::string& text, Dsn* out) {
  size_t slash = text.rfind('/');
  if (slash == std::string::npos) {
    return Status::Invalid("not a MySQL connection string: use mysql://user:pass@host:port/db or user:pass@tcp(host:port)/db");
  }
  size_t at = slash == 0 ? std::string::npos : text.rfind('@', slash - 1);
  size_t address_begin = 0;
  if (at != std::string::npos) {
    size_t colon = text.find(':');
    if (colon > at) colon = at;
    out->user = text.substr(0, colon);
    if (colon < at) {
      out->password = text.substr(colon + 1, at - colon - 1);
      dsn_parts::AddSecret(out, out->password, {colon + 1, at});
    }
    address_begin = at + 1;
  }
  std::string address = text.substr(address_begin, slash - address_begin);
  if (dsn_parts::StartsWith(address, "tcp(") && address.back() == ')') {
    std::string host_port = address.substr(4, address.size() - 5);
    size_t colon = host_port.rfind(':');
    if (!host_port.empty() && host_port[0] == '[') {
      size_t close = host_port.find(']');
      if (close == std::string::npos) return Status::Invalid("the DSN's IPv6 host has no closing ']'");
      out->host = host_port.substr(1, close - 1);
      colon = host_port.find(':', close);
    } else {
      out->host = host_port.substr(0, colon);
    }
    if (colon != std::string::npos) GANDER_RETURN_IF_ERROR(dsn_parts::CheckPort(host_port.substr(colon + 1), false, &out->port));
  } else if (dsn_parts::StartsWith(address, "unix(") && address.back() == ')') {
    out->socket = address.substr(5, address.size() - 6);
  } else if (!address.empty()) {
    return Status::Invalid("unsupported MySQL address: use tcp(host:port) or unix(/path) after the '@' "
                           "(a '/' in a parameter value must be percent-encoded as %2F)");
  }
  size_t query = text.find('?', slash + 1);
  out->database = text.substr(slash + 1, query == std::string::npos ? std::string::npos : query - slash - 1);
  if (query != std::string::npos) {
    // go-sql-driver skips a parameter without '='; the rest are decoded.
    std::vector<dsn_parts::QueryParam> params;
    size_t start = query + 1;
    while (start <= text.size()) {
      size_t amp = text.find('&', start);
      if (amp == std::string::npos) amp = text.size();
      size_t equals = text.find('=', start);
      if (equals < amp) {
        dsn_parts::QueryParam p;
        GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(text.substr(start, equals - start), "parameter name", &p.key));
        GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(text.substr(equals + 1, amp - equals - 1),
                                                        "parameter value", &p.value));
        p.value_span = {equals + 1, amp};
        params.push_back(std::move(p));
      }
      start = amp + 1;
    }
    AddParams(params, out);
  }
  return Status::OK();
}

}  // namespace

Status ParseMysqlDsn(const std::string& text, Dsn* out) {
  *out = Dsn();
  // The client library takes C strings: it would read up to the NUL.
  if (text.find('\0') != std::string::npos) return Status::Invalid("the DSN contains a NUL byte");
  Status st = IsMysqlUrl(text) ? ParseUrl(text, out) : ParseGooseForm(text, out);
  MigrateSettings unused;
  if (st.ok()) st = ReadMigrateSettings(MigrateDriver::kMysql, out->migrate, &unused);
  if (!st.ok()) {
    *out = Dsn();
    return st;
  }
  if (out->host.empty() && out->socket.empty()) out->host = "127.0.0.1";
  if (out->port == 0 && out->socket.empty()) out->port = 3306;
  return Status::OK();
}

std::string RedactMysqlDsn(const std::string& text) {
  Dsn parsed;
  // Read with no secret from a text that may hold one: a key=value DSN taken
  // for the user@tcp(...) form (its "user" is the whole text): mask it all.
  if (ParseMysqlDsn(text, &parsed).ok() && !(parsed.secret_spans.empty() && dsn_parts::MayHoldSecret(text))) {
    return dsn_parts::MaskSpans(text, parsed.secret_spans);
  }
  return IsMysqlUrl(text) ? text.substr(0, text.find("://") + 3) + "***" : "***";
}

}  // namespace gander
