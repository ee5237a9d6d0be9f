// What every engine's DSN shares: which parameters are secret, redaction
// when the engine is unknown, the secrets a scrubber must know, and the
// fleet's rewriting of a DSN for another database or schema.
#include "db/dsn.h"

#include <algorithm>
#include <cctype>

#include "core/percent_encoding.h"
#include "db/dsn_parts.h"

namespace gander {
namespace {

using dsn_parts::StartsWith;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

using dsn_parts::IsMysqlUrl;
using dsn_parts::IsPostgresUrl;
using dsn_parts::MayHoldSecret;

void AddUnique(const std::string& s, std::vector<std::string>* out) {
  if (!s.empty() && std::find(out->begin(), out->end(), s) == out->end()) out->push_back(s);
}

// What would be the password under each way of reading a DSN that does not
// parse: the userinfo after a first ':' up to the first and the last '@',
// and each value after a secret-looking key.
void GuessSecrets(const std::string& text, std::vector<std::string>* out) {
  size_t scheme = text.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t colon = text.find(':', start);
  if (colon != std::string::npos) {
    size_t first_at = text.find('@', colon), last_at = text.rfind('@');
    if (first_at != std::string::npos) AddUnique(text.substr(colon + 1, first_at - colon - 1), out);
    if (last_at != std::string::npos && last_at > colon) AddUnique(text.substr(colon + 1, last_at - colon - 1), out);
  }
  std::string lower = Lower(text);
  for (size_t eq = text.find('='); eq != std::string::npos; eq = text.find('=', eq + 1)) {
    size_t key_begin = lower.find_last_of(" \t\n?&;", eq == 0 ? 0 : eq - 1);
    key_begin = key_begin == std::string::npos ? 0 : key_begin + 1;
    std::string key = text.substr(key_begin, eq - key_begin);
    while (!key.empty() && dsn_parts::IsBlank(key.back())) key.pop_back();
    if (!IsSecretParameter(key)) continue;
    size_t value = eq + 1;
    while (value < text.size() && dsn_parts::IsBlank(text[value])) ++value;
    size_t end = value < text.size() && text[value] == '\'' ? text.find('\'', value + 1) : text.find_first_of(" \t\n&", value);
    if (value < text.size() && text[value] == '\'') ++value;
    AddUnique(text.substr(value, end == std::string::npos ? std::string::npos : end - value), out);
    // And up to the end of the text (a value with spaces, unquoted).
    AddUnique(text.substr(value), out);
  }
}

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

std::string QuoteLibpqValue(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

bool IsSecretParameter(const std::string& name) {
  std::string lower = Lower(name);
  if (lower == "passfile") return false;
  return lower.find("password") != std::string::npos || lower.find("secret") != std::string::npos ||
         lower == "pass" || lower == "passwd" || lower == "pwd" || lower == "scram_client_key" ||
         lower == "scram_server_key";
}

std::string RedactDsn(const std::string& text) {
  if (IsPostgresUrl(text)) return RedactPostgresDsn(text);
  if (IsMysqlUrl(text)) return RedactMysqlDsn(text);
  // Not knowing the engine: every secret of every form the text parses as.
  std::vector<dsn_parts::Span> spans;
  bool parsed_any = false;
  Dsn parsed;
  for (Status (*parse)(const std::string&, Dsn*) : {&ParsePostgresDsn, &ParseMysqlDsn}) {
    if (!parse(text, &parsed).ok()) continue;
    parsed_any = true;
    spans.insert(spans.end(), parsed.secret_spans.begin(), parsed.secret_spans.end());
  }
  // A form read with no secret in a text that may hold one read it wrong
  // (a key=value DSN taken for MySQL's user@tcp(...) form): mask it all.
  if (!parsed_any || spans.empty()) return MayHoldSecret(text) ? "***" : text;
  return dsn_parts::MaskSpans(text, spans);
}

std::vector<std::string> DsnSecrets(const std::string& text) {
  std::vector<std::string> out;
  Dsn parsed;
  bool parsed_any = false;
  for (Status (*parse)(const std::string&, Dsn*) : {&ParsePostgresDsn, &ParseMysqlDsn}) {
    if (!parse(text, &parsed).ok()) continue;
    parsed_any = true;
    for (const std::string& s : parsed.secrets) AddUnique(s, &out);
    for (const auto& [begin, end] : parsed.secret_spans) AddUnique(text.substr(begin, end - begin), &out);
  }
  if (!parsed_any) GuessSecrets(text, &out);
  return out;
}

Status PostgresDsnForDatabase(const std::string& text, const std::string& database, std::string* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParsePostgresDsn(text, &parsed));
  // libpq's key=value form: the last value of a key wins.
  *out = IsPostgresUrl(text) ? UrlForDatabase(text, database) : text + " dbname=" + QuoteLibpqValue(database);
  return Status::OK();
}

Status MysqlDsnForDatabase(const std::string& text, const std::string& database, std::string* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParseMysqlDsn(text, &parsed));
  if (IsMysqlUrl(text)) {
    *out = UrlForDatabase(text, database);
    return Status::OK();
  }
  // goose's form: ...@tcp(host:port)/dbname?params
  size_t slash = text.rfind('/');
  size_t query = text.find('?', slash);
  *out = text.substr(0, slash + 1) + database + (query == std::string::npos ? "" : text.substr(query));
  return Status::OK();
}

Status PostgresDsnForSchema(const std::string& text, const std::string& schema, std::string* out) {
  Dsn parsed;
  GANDER_RETURN_IF_ERROR(ParsePostgresDsn(text, &parsed));
  if (parsed.params.count("search_path") || parsed.params.count("schema")) {
    return Status::Invalid("the DSN already names a search_path; a schema pattern sets it per target");
  }
  if (!IsPostgresUrl(text)) {
    *out = text + " search_path=" + QuoteLibpqValue(schema);
  } else {
    *out = text + (text.find('?') == std::string::npos ? "?" : "&") + "search_path=" + PercentEncode(schema);
  }
  return Status::OK();
}

}  // namespace gander
