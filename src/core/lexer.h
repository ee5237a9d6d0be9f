// Lexical helpers for splitting migration text into statements: goose's
// whitespace rules (Go's unicode.IsSpace) and a SQL lexer whose state is
// carried from one line to the next, so that a statement boundary is never
// taken inside a string, quoted name, dollar quote or comment.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gander {

// Length in bytes of the whitespace character starting at s[i] (ASCII
// \t \n \v \f \r space, or a UTF-8 encoded Unicode space such as U+00A0), or
// 0 when s[i] does not start one. The set is Go's unicode.IsSpace, which goose
// uses to trim statements and split words.
size_t SpaceLengthAt(std::string_view s, size_t i);

// `s` without leading and trailing whitespace (as Go's strings.TrimSpace).
std::string_view TrimSpace(std::string_view s);

// The two readings of SQL text the lexer knows. They differ only where the
// engines do: kMySql treats a backslash as an escape inside '...' and "..."
// strings and `#` as a line comment, and needs a blank after `--`; kStandard
// (PostgreSQL, SQLite) takes backslashes literally except in E'...' strings,
// reads "..." as a quoted name and nests /* block comments */.
enum class SqlFlavor { kStandard, kMySql };

// A SQL lexer fed one line at a time; it remembers an unclosed string, quoted
// name, `backtick` name, $tag$ dollar quote or block comment across lines.
class SqlLexer {
 public:
  explicit SqlLexer(SqlFlavor flavor) : flavor_(flavor) {}

  // Scans one line (without its line end) and resizes *code to its length:
  // (*code)[i] is true when byte i is read as SQL code, that is outside any
  // string, quoted name, dollar quote or comment. The first byte of an opening
  // delimiter counts as code; the bytes inside and the closing delimiter don't.
  void ScanLine(std::string_view line, std::vector<bool>* code);

  // True when the last scanned line ended inside a string, quoted name,
  // dollar quote or block comment that continues on the next line.
  bool InConstruct() const { return state_ != State::kCode; }

  // Forgets any open construct (the start of a new statement).
  void Reset();

 private:
  enum class State { kCode, kSingle, kDouble, kBacktick, kDollar, kBlock };

  // Handles one byte in kCode state; returns the index of the next byte to read.
  size_t ScanCode(std::string_view line, size_t i, std::vector<bool>* code);

  SqlFlavor flavor_;
  State state_ = State::kCode;
  bool escapes_ = false;  // inside a string where backslash escapes the next byte
  int depth_ = 0;         // block comment nesting
  std::string tag_;       // the dollar-quote delimiter, e.g. "$body$"
};

// goose's end-of-statement test for one line, made lexically safe. Like goose,
// it splits the line into whitespace-separated words, stops at the first word
// that starts with `--`, and reports whether the last word before it ends with
// `;`. The guard: a `--` word only stops the scan when it starts in code, and
// the final `;` must itself be code (code[i] as filled by SqlLexer::ScanLine).
bool EndsWithSemicolon(std::string_view line, const std::vector<bool>& code);

// Decides where statements end, line by line. A line ends the statement when
// EndsWithSemicolon holds under either flavor: the guard only refuses a
// boundary goose would take when both readings agree that the `;` is quoted,
// so an engine-specific construct (a MySQL `\'` escape, a `#` comment, a
// PostgreSQL backslash at the end of a string) can never make gander reject
// a file that goose splits. Both lexers restart after each boundary.
class StatementSplitter {
 public:
  StatementSplitter() : standard_(SqlFlavor::kStandard), mysql_(SqlFlavor::kMySql) {}

  // Feeds the next line of the current statement; true when it ends it.
  bool EndsStatement(std::string_view line);

  // Starts afresh (a statement was taken some other way).
  void Reset();

  // True when, under both flavors, the lines fed so far end inside a string,
  // quoted name, dollar quote or block comment (used to explain an error).
  bool InConstruct() const { return standard_.InConstruct() && mysql_.InConstruct(); }

 private:
  SqlLexer standard_;
  SqlLexer mysql_;
  std::vector<bool> code_;  // reused between lines
};

}  // namespace gander
