// PostgreSQL DSNs, read exactly as libpq reads them (fe-connect.c of
// PostgreSQL 15: conninfo_parse for key=value, conninfo_uri_parse_options
// and conninfo_uri_parse_params for URLs). tests/unit/dsn_libpq_test.cc
// compares the reading with libpq's PQconninfoParse.
#include <cctype>
#include <set>

#include "db/dsn.h"
#include "db/dsn_migrate.h"
#include "db/dsn_parts.h"

namespace gander {
namespace {

using dsn_parts::Span;

// Settings of pgx (goose's PostgreSQL driver) and its pool that pgx removes
// before connecting (pgx v5 conn.go and pgxpool/pool.go, v4's too): they
// tune pgx's own statement caches and pool, nothing libpq or gander has.
// libpq would refuse them as unknown; gander drops them (Dsn::ignored).
bool PgxOnlyKeyword(const std::string& key) {
  static const std::set<std::string> pgx = {
      "statement_cache_capacity", "description_cache_capacity", "default_query_exec_mode",
      "statement_cache_mode", "prefer_simple_protocol", "pool_max_conns", "pool_min_conns",
      "pool_min_idle_conns", "pool_max_conn_lifetime", "pool_max_conn_idle_time", "pool_health_check_period",
      "pool_max_conn_lifetime_jitter", "pool_ping_timeout"};
  return pgx.count(key) > 0;
}

// libpq's keywords (PostgreSQL 10 to 18, so that no version's is taken for a
// misread password), gander's own and pgx's.
bool KnownKeyword(const std::string& key) {
  static const std::set<std::string> known = {
      "service", "user", "password", "passfile", "channel_binding", "connect_timeout", "dbname", "host",
      "hostaddr", "port", "client_encoding", "options", "application_name", "fallback_application_name",
      "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "sslmode",
      "sslnegotiation", "sslcompression", "sslcert", "sslkey", "sslcertmode", "sslpassword", "sslkeylogfile",
      "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "require_auth", "min_protocol_version",
      "max_protocol_version", "ssl_min_protocol_version", "ssl_max_protocol_version", "gssencmode", "krbsrvname",
      "gsslib", "gssdelegation", "replication", "target_session_attrs", "load_balance_hosts", "requiressl",
      "scram_client_key", "scram_server_key", "oauth_issuer", "oauth_client_id", "oauth_client_secret",
      "oauth_scope", "search_path", "schema"};
  return known.count(key) > 0 || PgxOnlyKeyword(key);
}

// [A-Za-z_][A-Za-z0-9_]*: every libpq keyword is one.
bool IsWord(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// "password", or "a key" for a word that may be a piece of a password.
std::string KeyName(const std::string& key) { return KnownKeyword(key) ? key : "a key"; }

Status SpaceInSecret(const std::string& key) {
  return Status::Invalid("the value of " + key + " in the DSN holds a space, or is followed by a word that is not "
                         "a key; quote it: " + key + "='...' (with \\' and \\\\ inside)");
}

// Fills host, port, user, password, database and params from the keywords
// (the last value of a keyword wins, as in libpq).
Status ApplyOptions(Dsn* out) {
  std::string hostaddr;
  for (const auto& [key, value] : out->options) {
    if (key == "host") {
      out->host = value;
    } else if (key == "hostaddr") {
      hostaddr = value;
    } else if (key == "port") {
      out->port = 0;
      GANDER_RETURN_IF_ERROR(dsn_parts::CheckPort(value, true, &out->port));
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
  if (out->host.empty()) out->host = hostaddr;
  return Status::OK();
}

// key = value pairs; values unquoted (backslash escapes) or 'quoted'.
Status ParseKeyValue(const std::string& text, Dsn* out) {
  using dsn_parts::IsBlank;
  const size_t n = text.size();
  size_t i = 0;
  std::string previous;              // the key before, "" at the start
  bool previous_open_secret = false;  // it was a secret with an unquoted value
  while (i < n) {
    if (IsBlank(text[i])) {
      ++i;
      continue;
    }
    size_t key_begin = i;
    while (i < n && text[i] != '=' && !IsBlank(text[i])) ++i;
    std::string key = text.substr(key_begin, i - key_begin);
    while (i < n && IsBlank(text[i])) ++i;
    if (previous_open_secret && !KnownKeyword(key)) return SpaceInSecret(previous);
    // libpq refuses a keyword it does not know; one that is not even a word
    // (`u:p@tcp(h)/db?x=y`, `file:x.db?mode=ro`) is no key=value DSN at all.
    if (!IsWord(key)) {
      return Status::Invalid("malformed DSN: a key that is not a word " +
                             (previous.empty() ? std::string("at the start") : "after the value of " + previous) +
                             " (write key=value pairs separated by spaces)");
    }
    if (i >= n || text[i] != '=') {
      return Status::Invalid("malformed DSN: " + (KnownKeyword(key) ? key : std::string("a word")) +
                             " without '=' " + (previous.empty() ? "at the start" : "after the value of " + previous) +
                             " (write key=value pairs separated by spaces)");
    }
    ++i;
    size_t after_equals = i;
    while (i < n && IsBlank(text[i])) ++i;
    size_t value_begin = i;
    std::string value;
    bool quoted = i < n && text[i] == '\'';
    if (quoted) {
      for (++i;;) {
        if (i >= n) {
          if (IsSecretParameter(key)) return Status::Invalid("the quoted value of " + key + " in the DSN never ends");
          return Status::Invalid("malformed DSN: the quoted value of " + KeyName(key) + " never ends");
        }
        if (text[i] == '\\') {
          if (++i < n) value += text[i++];
          continue;
        }
        if (text[i] == '\'') {
          ++i;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < n && !IsBlank(text[i])) {
        if (text[i] == '\\') {
          if (++i < n) value += text[i++];
        } else {
          value += text[i++];
        }
      }
    }
    // libpq skips blanks after '=': `password= dbname=d` sets the password to
    // "dbname=d". Nobody means that.
    if (!quoted && value_begin > after_equals && value.find('=') != std::string::npos) {
      return Status::Invalid("the DSN's " + KeyName(key) + "= is followed by a space and then key=value, which " +
                             "libpq would take as its value; write " + KeyName(key) + "='' for an empty value");
    }
    if (IsSecretParameter(key)) dsn_parts::AddSecret(out, value, {value_begin, i});
    out->options.emplace_back(key, value);
    previous = KnownKeyword(key) ? key : "a key";
    previous_open_secret = IsSecretParameter(key) && !quoted;
  }
  return Status::OK();
}

Status ParseUrl(const std::string& text, size_t prefix, Dsn* out) {
  dsn_parts::UrlParts url;
  GANDER_RETURN_IF_ERROR(dsn_parts::SplitUrl(text, prefix, &url));
  auto part = [&](Span s) { return text.substr(s.first, s.second - s.first); };
  std::string value;
  if (url.has_user && url.user.second > url.user.first) {
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(part(url.user), "user name", &value));
    out->options.emplace_back("user", value);
  }
  if (url.has_password) {
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(part(url.password), "password", &value));
    dsn_parts::AddSecret(out, value, url.password);
    if (!value.empty()) out->options.emplace_back("password", value);
  }
  if (!url.hosts.empty()) {
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(url.hosts, "host", &value));
    out->options.emplace_back("host", value);
  }
  if (!url.ports.empty()) {
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(url.ports, "port", &value));
    out->options.emplace_back("port", value);
  }
  if (url.has_path && url.path.second > url.path.first) {
    GANDER_RETURN_IF_ERROR(dsn_parts::PercentDecode(part(url.path), "database name", &value));
    out->options.emplace_back("dbname", value);
  }
  if (url.has_query) {
    std::vector<dsn_parts::QueryParam> params;
    GANDER_RETURN_IF_ERROR(dsn_parts::ParseQuery(text, url.query, &params));
    for (dsn_parts::QueryParam& p : params) {
      if (p.key == "ssl" && p.value == "true") {  // libpq's JDBC compatibility
        p.key = "sslmode";
        p.value = "require";
      }
      if (IsSecretParameter(p.key)) dsn_parts::AddSecret(out, p.value, p.value_span);
      out->options.emplace_back(p.key, p.value);
    }
  }
  return Status::OK();
}

size_t UrlPrefixLength(const std::string& text) {
  if (dsn_parts::StartsWith(text, "postgresql://")) return 13;
  if (dsn_parts::StartsWith(text, "postgres://")) return 11;
  return 0;
}

}  // namespace

Status ParsePostgresDsn(const std::string& text, Dsn* out) {
  *out = Dsn();
  // libpq takes a C string: it would read up to the NUL, gander past it.
  if (text.find('\0') != std::string::npos) return Status::Invalid("the DSN contains a NUL byte");
  Status st;
  if (size_t prefix = UrlPrefixLength(text)) {
    st = ParseUrl(text, prefix, out);
  } else if (text.find('=') != std::string::npos) {
    st = ParseKeyValue(text, out);
  } else {
    return Status::Invalid("not a PostgreSQL connection string: use postgres://user:pass@host:port/db or key=value pairs");
  }
  if (st.ok()) {
    std::vector<std::pair<std::string, std::string>> kept;
    for (auto& option : out->options) {
      if (PgxOnlyKeyword(option.first)) {
        out->ignored.push_back(option.first);
      } else if (IsMigrateParameter(option.first)) {
        out->migrate.push_back(std::move(option));
      } else {
        kept.push_back(std::move(option));
      }
    }
    out->options = std::move(kept);
    MigrateSettings unused;
    st = ReadMigrateSettings(MigrateDriver::kPostgres, out->migrate, &unused);
    if (st.ok()) st = ApplyOptions(out);
  }
  if (!st.ok()) *out = Dsn();
  return st;
}

std::string RedactPostgresDsn(const std::string& text) {
  Dsn parsed;
  if (ParsePostgresDsn(text, &parsed).ok()) return dsn_parts::MaskSpans(text, parsed.secret_spans);
  return UrlPrefixLength(text) ? text.substr(0, UrlPrefixLength(text)) + "***" : "***";
}

}  // namespace gander
