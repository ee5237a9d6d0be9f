// SQL text as tokens, for comparing the definitions SQLite keeps as typed
// (views, triggers, CREATE TABLE statements): two statements that differ
// only in spacing, comments, keyword case or needless name quotes read as the
// same tokens. SQLite's lexical rules: '' inside strings, "quoted",
// [bracketed] and `backtick` names, -- and /* */ comments, and names that are
// case-insensitive, quoted or not (so they are lower-cased). Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gander {

struct SqlToken {
  enum class Type {
    kWord,    // a keyword or unquoted name, lower-cased; also a quoted name that needs no quotes
    kName,    // a quoted name that needs its quotes ("two words", [a-b]): lower-cased, in double quotes
    kString,  // a string or blob literal ('it''s', x'00'), kept as written
    kNumber,  // 42, 1.5e-3, 0x1F (lower-cased)
    kPunct,   // an operator or punctuation: ( ) , ; . = <= || ...
  };
  Type type;
  std::string text;
};

// The tokens of `sql`, comments and whitespace dropped. Never fails: an
// unterminated string or comment runs to the end of the text.
std::vector<SqlToken> TokenizeSql(std::string_view sql);

// `tokens[begin, end)` joined into one canonical line: one space between
// tokens, none inside parentheses, before `,` `;` `)`, around `.`, or between
// a name and its `(` (a call, a column list; a keyword such as IN or AND
// keeps its space). Equal for two texts with equal tokens.
std::string JoinSqlTokens(const std::vector<SqlToken>& tokens, size_t begin, size_t end);

// JoinSqlTokens of all of TokenizeSql(sql): "CREATE VIEW v AS\n  SELECT a,b
// -- c\n FROM \"t\"" and "create view v as select a, b from t" both give
// "create view v as select a, b from t".
std::string NormalizeSql(std::string_view sql);

}  // namespace gander
