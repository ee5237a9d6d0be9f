// Connection strings: each engine's DSN forms parsed once, by one parser
// whose reading is the one the driver uses, and redaction by what that parser
// found (the spans of the secrets), never by a second textual search.
//
// PostgreSQL: gander's parser follows libpq's grammar (fe-connect.c:
// conninfo_parse, conninfo_uri_parse_options) byte for byte, and the
// connection string libpq receives is rebuilt from the parsed keywords
// (db/client_options.h), so libpq cannot read a field differently; the unit
// tests check the reading against libpq's own PQconninfoParse. MySQL: the
// driver gets the parsed fields (host, user, password, ...), never the text.
// A DSN that a URL reader (goose's pgx, go-sql-driver) and libpq would read
// differently, or that only parses because a password holds an unencoded
// '@', '/' or '?', is refused. Every error names the part and the cause and
// never quotes the DSN: not a byte of a password reaches a message.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace gander {

struct Dsn {
  std::string host;  // PostgreSQL: may be a comma-separated list
  int port = 0;      // 0: engine default (or a list of ports)
  std::string user;
  std::string password;
  std::string database;  // or the file path for SQLite
  std::string socket;    // unix socket path, if given
  std::map<std::string, std::string> params;  // sslmode, search_path, parseTime, ...
  // Every secret the DSN holds, as the driver uses it (decoded, unquoted):
  // the password and the value of each secret parameter (IsSecretParameter).
  std::vector<std::string> secrets;
  // Where each secret is written in the DSN text, [begin, end) byte offsets
  // (quotes included): what RedactDsn masks.
  std::vector<std::pair<size_t, size_t>> secret_spans;
  // PostgreSQL: every libpq keyword and value in the order libpq reads them
  // (a URL's parts as user, password, host, port, dbname, then its query).
  std::vector<std::pair<std::string, std::string>> options;
  // PostgreSQL: parameters only pgx (goose's driver) reads, such as
  // pool_max_conns or default_query_exec_mode, in the order given: accepted
  // so that a goose DSN works unchanged, and dropped (not in `options`), as
  // libpq would refuse them.
  std::vector<std::string> ignored;
  // golang-migrate's own parameters (x-migrations-table, ...; db/dsn_migrate.h),
  // in the order given: checked by the parser, never passed to the client library.
  std::vector<std::pair<std::string, std::string>> migrate;
};

// Both refuse a DSN holding a NUL byte, which the client libraries would cut.
// PostgreSQL: `postgres://u:p@h:port/db?sslmode=disable` (or postgresql://)
// or a libpq key=value string (`host=h port=5432 user=u password=p dbname=d`).
Status ParsePostgresDsn(const std::string& text, Dsn* out);
// MySQL/MariaDB: `mysql://u:p@h:port/db?...` (percent-encoded, as a URL) or
// goose's `u:p@tcp(h:port)/db?...` (also `u:p@unix(/path/sock)/db`), read as
// go-sql-driver reads it: the password raw, up to the last '@' before the
// last '/'.
Status ParseMysqlDsn(const std::string& text, Dsn* out);

// A libpq key=value value in single quotes, `\` and `'` escaped: libpq reads
// back exactly `value`, whatever it holds.
std::string QuoteLibpqValue(const std::string& value);

// Whether a DSN parameter holds a secret: password, sslpassword, any name
// with "password", "secret", pass, passwd, pwd (case-insensitive). Not
// passfile: its path is no secret (its contents are, see DsnSecrets).
bool IsSecretParameter(const std::string& name);

// The same PostgreSQL DSN, in the same form, pointing at another database
// (the fleet's "every database matching"), or running in `schema`
// (search_path, the fleet's "every schema matching").
Status PostgresDsnForDatabase(const std::string& text, const std::string& database, std::string* out);
Status PostgresDsnForSchema(const std::string& text, const std::string& schema, std::string* out);
Status MysqlDsnForDatabase(const std::string& text, const std::string& database, std::string* out);

// The DSN with every secret replaced by `***`, in the form it was given; a
// DSN that does not parse is masked whole after its scheme
// (`postgres://***`). Safe to print. RedactPostgresDsn / RedactMysqlDsn read
// it as that engine's DSN; RedactDsn guesses the engine from the form, and
// returns a file path (SQLite) unchanged.
std::string RedactDsn(const std::string& text);
std::string RedactPostgresDsn(const std::string& text);
std::string RedactMysqlDsn(const std::string& text);

// Every value in `text` that may be a secret, for a SecretScrubber
// (core/secret_scrubber.h): the secrets of every form the text parses as, and
// for text that parses as none, what would be the password under each
// reading (a userinfo after "://", a value after password=). Over-collecting
// only masks more.
std::vector<std::string> DsnSecrets(const std::string& text);

}  // namespace gander
