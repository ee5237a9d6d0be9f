#include "core/lexer.h"

namespace gander {

namespace {

unsigned char Byte(std::string_view s, size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

// Bytes that may continue an identifier (PostgreSQL and MySQL both allow `$`
// inside names, and any non-ASCII byte belongs to a letter).
bool IsIdentByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c >= 0x80;
}

bool IsTagStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool IsTagByte(unsigned char c) { return IsTagStart(c) || (c >= '0' && c <= '9'); }

// The length of a dollar-quote delimiter ($$ or $tag$) starting at line[i], or 0.
size_t DollarTagLength(std::string_view line, size_t i) {
  size_t j = i + 1;
  if (Byte(line, j) == '$') return 2;
  if (!IsTagStart(Byte(line, j))) return 0;  // `$1` is a parameter, not a quote
  while (j < line.size() && IsTagByte(Byte(line, j))) ++j;
  return Byte(line, j) == '$' ? j - i + 1 : 0;
}

// PostgreSQL's E'...' (escape string): an E right before the quote that is
// not the end of a longer name.
bool IsEscapePrefix(std::string_view line, size_t quote) {
  if (quote == 0) return false;
  unsigned char e = Byte(line, quote - 1);
  if (e != 'E' && e != 'e') return false;
  return quote == 1 || !IsIdentByte(Byte(line, quote - 2));
}

}  // namespace

size_t SpaceLengthAt(std::string_view s, size_t i) {
  unsigned char c = Byte(s, i);
  if (i >= s.size()) return 0;
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  unsigned char c1 = Byte(s, i + 1), c2 = Byte(s, i + 2);
  if (c == 0xC2 && (c1 == 0x85 || c1 == 0xA0)) return 2;                   // U+0085, U+00A0
  if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;                      // U+1680
  if (c == 0xE2 && c1 == 0x80 &&
      ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) {
    return 3;                                                               // U+2000..200A, 2028, 2029, 202F
  }
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;                      // U+205F
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;                      // U+3000
  return 0;
}

std::string_view TrimSpace(std::string_view s) {
  size_t begin = 0;
  while (size_t k = SpaceLengthAt(s, begin)) begin += k;
  // Walk forward so multi-byte spaces are recognised from their first byte.
  size_t end = begin;
  for (size_t i = begin; i < s.size();) {
    if (size_t k = SpaceLengthAt(s, i)) {
      i += k;
    } else {
      end = ++i;
    }
  }
  return s.substr(begin, end - begin);
}

void SqlLexer::Reset() {
  state_ = State::kCode;
  escapes_ = false;
  depth_ = 0;
  tag_.clear();
}

size_t SqlLexer::ScanCode(std::string_view line, size_t i, std::vector<bool>* code) {
  (*code)[i] = true;
  const bool mysql = flavor_ == SqlFlavor::kMySql;
  unsigned char next = Byte(line, i + 1);
  switch (line[i]) {
    case '\'':
      state_ = State::kSingle;
      escapes_ = mysql || IsEscapePrefix(line, i);
      return i + 1;
    case '"':
      state_ = State::kDouble;
      escapes_ = mysql;
      return i + 1;
    case '`':
      state_ = State::kBacktick;
      escapes_ = false;
      return i + 1;
    case '-':
      // MySQL needs a blank or control character after `--` (`5--3` is 8).
      if (next == '-' && (!mysql || i + 2 >= line.size() || Byte(line, i + 2) <= ' ')) return line.size();
      return i + 1;
    case '#':
      return mysql ? line.size() : i + 1;
    case '/':
      if (next != '*') return i + 1;
      state_ = State::kBlock;
      depth_ = 1;
      return i + 2;
    case '$': {
      if (i > 0 && IsIdentByte(Byte(line, i - 1))) return i + 1;  // a name such as a$b$
      size_t len = DollarTagLength(line, i);
      if (len == 0) return i + 1;
      state_ = State::kDollar;
      tag_ = std::string(line.substr(i, len));
      return i + len;
    }
    default:
      return i + 1;
  }
}

void SqlLexer::ScanLine(std::string_view line, std::vector<bool>* code) {
  code->assign(line.size(), false);
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    switch (state_) {
      case State::kCode:
        i = ScanCode(line, i, code);
        break;
      case State::kSingle:
      case State::kDouble:
      case State::kBacktick: {
        char quote = state_ == State::kSingle ? '\'' : state_ == State::kDouble ? '"' : '`';
        if (escapes_ && c == '\\') {
          i += 2;  // a trailing backslash escapes the line end, which is fine
        } else if (c == quote && Byte(line, i + 1) == static_cast<unsigned char>(quote)) {
          i += 2;  // doubled quote stands for itself
        } else {
          if (c == quote) state_ = State::kCode;
          ++i;
        }
        break;
      }
      case State::kDollar:
        if (line.compare(i, tag_.size(), tag_) == 0) {
          i += tag_.size();
          state_ = State::kCode;
        } else {
          ++i;
        }
        break;
      case State::kBlock:
        if (c == '*' && Byte(line, i + 1) == '/') {
          i += 2;
          if (--depth_ == 0) state_ = State::kCode;
        } else if (flavor_ == SqlFlavor::kStandard && c == '/' && Byte(line, i + 1) == '*') {
          i += 2;
          ++depth_;
        } else {
          ++i;
        }
        break;
    }
  }
}

bool EndsWithSemicolon(std::string_view line, const std::vector<bool>& code) {
  size_t last_end = 0;  // one past the last word before a comment; 0 = none
  size_t i = 0;
  while (i < line.size()) {
    if (size_t k = SpaceLengthAt(line, i)) {
      i += k;
      continue;
    }
    size_t start = i;
    while (i < line.size() && SpaceLengthAt(line, i) == 0) ++i;
    if (line.compare(start, 2, "--") == 0 && code[start]) break;
    last_end = i;
  }
  return last_end > 0 && line[last_end - 1] == ';' && code[last_end - 1];
}

bool StatementSplitter::EndsStatement(std::string_view line) {
  standard_.ScanLine(line, &code_);
  bool ends = EndsWithSemicolon(line, code_);
  mysql_.ScanLine(line, &code_);
  ends = EndsWithSemicolon(line, code_) || ends;
  if (ends) Reset();
  return ends;
}

void StatementSplitter::Reset() {
  standard_.Reset();
  mysql_.Reset();
}

}  // namespace gander
