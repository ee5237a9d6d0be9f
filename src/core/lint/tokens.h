// The SQL text of one migration statement as tokens, for the linter. Built on
// the splitter's own lexer (core/lexer.h), so that strings, quoted names,
// dollar quotes and comments are read exactly as when the file was split:
// a keyword inside a comment or a string literal never becomes a token that
// a rule could see. Pure: text in, tokens out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/lexer.h"

namespace gander::lint {

struct Token {
  enum class Kind {
    kWord,    // keyword or unquoted name: `CREATE`, `users`, `pg_catalog`
    kQuoted,  // quoted name: "Users", `order` (text without the quotes)
    kString,  // string literal or dollar quote (text: its content)
    kNumber,  // 42, 3.14
    kPunct,   // one character such as ( ) , ; = . or the two-character `::`
  };
  Kind kind = Kind::kPunct;
  std::string text;   // as written (for kQuoted and kString: the content, quotes removed)
  std::string upper;  // kWord: text upper-cased (ASCII); otherwise empty
  int line = 0;       // 0-based line within the statement text
  bool space_before = true;  // whitespace (or the start) right before it
};

// Tokenizes `sql` (lines joined by "\n"). Comments are dropped. `flavor`
// decides what "..." means (a name in kStandard, a string in kMySql) and
// whether `#` starts a comment. Never fails: an unclosed construct ends at
// the end of the text.
std::vector<Token> Tokenize(const std::string& sql, SqlFlavor flavor);

// A half-open range [begin, end) of tokens: one SQL statement.
struct TokenRange {
  size_t begin = 0;
  size_t end = 0;
};

// Splits tokens at top-level `;` into the SQL statements one migration
// statement holds (goose sends `SELECT 1; SELECT 2;` on one line as one
// string). The body of a routine or trigger written without quotes
// (`CREATE TRIGGER ... BEGIN ...; END`) stays one statement. Empty
// statements are left out.
std::vector<TokenRange> SplitStatements(const std::vector<Token>& tokens);

}  // namespace gander::lint
