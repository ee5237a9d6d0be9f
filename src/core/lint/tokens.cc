#include "core/lint/tokens.h"

#include <string_view>

namespace gander::lint {
namespace {

bool IsIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsIdentByte(unsigned char c) { return IsIdentStart(c) || IsDigit(c) || c == '$'; }
bool IsBlank(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Removes the delimiters of a string, quoted name or dollar quote as written
// (`raw` starts with its opening delimiter; the closing one may be missing
// when the text ended inside it) and undoubles doubled quotes.
std::string Unquote(const std::string& raw) {
  if (raw.empty()) return raw;
  char q = raw[0];
  if (q == '$') {
    size_t tag_end = raw.find('$', 1);
    if (tag_end == std::string::npos) return raw;
    std::string tag = raw.substr(0, tag_end + 1);
    std::string body = raw.substr(tag.size());
    if (body.size() >= tag.size() && body.compare(body.size() - tag.size(), tag.size(), tag) == 0) {
      body.resize(body.size() - tag.size());
    }
    return body;
  }
  std::string body = raw.substr(1);
  if (!body.empty() && body.back() == q) body.pop_back();
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    out.push_back(body[i]);
    if (body[i] == q && i + 1 < body.size() && body[i + 1] == q) ++i;
  }
  return out;
}

class Tokenizer {
 public:
  Tokenizer(SqlFlavor flavor) : flavor_(flavor), lexer_(flavor) {}

  std::vector<Token> Run(const std::string& sql) {
    size_t pos = 0;
    int line = 0;
    while (pos <= sql.size()) {
      size_t nl = sql.find('\n', pos);
      size_t end = nl == std::string::npos ? sql.size() : nl;
      ScanLine(std::string_view(sql).substr(pos, end - pos), line++);
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    Close();
    return std::move(tokens_);
  }

 private:
  enum class Open { kNone, kLiteral, kComment };

  void ScanLine(std::string_view line, int number) {
    lexer_.ScanLine(line, &code_);
    size_t n = line.size();
    size_t i = 0;
    space_ = true;
    if (open_ != Open::kNone) {  // a construct continued from the line before
      while (i < n && !code_[i]) ++i;
      if (open_ == Open::kLiteral) raw_ += "\n" + std::string(line.substr(0, i));
      if (i < n || !lexer_.InConstruct()) Close();
    }
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      if (!code_[i]) {  // cannot happen after a closed construct; stay safe
        ++i;
        continue;
      }
      if (IsBlank(c)) {
        space_ = true;
        ++i;
        continue;
      }
      bool delimiter = c == '\'' || c == '"' || c == '`' || c == '$' || c == '-' || c == '/' || c == '#';
      bool opens = delimiter && ((i + 1 < n && !code_[i + 1]) || (i + 1 == n && lexer_.InConstruct()));
      if (opens) {
        size_t j = i + 1;
        while (j < n && !code_[j]) ++j;
        bool continues = j == n && lexer_.InConstruct();
        if (c == '-' || c == '#' || c == '/') {
          open_ = continues && c == '/' ? Open::kComment : Open::kNone;
        } else {
          raw_ = std::string(line.substr(i, j - i));
          raw_line_ = number;
          raw_space_ = space_;
          open_ = Open::kLiteral;
          if (!continues) Close();
        }
        space_ = c == '-' || c == '#' || c == '/';  // a comment separates like a blank
        i = j;
        continue;
      }
      size_t j = i + 1;
      Token t;
      t.line = number;
      t.space_before = space_;
      if (IsIdentStart(c) || IsDigit(c)) {
        bool number_only = IsDigit(c);
        while (j < n && code_[j] && IsIdentByte(static_cast<unsigned char>(line[j]))) {
          if (!IsDigit(static_cast<unsigned char>(line[j]))) number_only = false;
          ++j;
        }
        if (number_only) {
          while (j < n && code_[j] && (IsDigit(static_cast<unsigned char>(line[j])) || line[j] == '.')) ++j;
        }
        t.kind = number_only ? Token::Kind::kNumber : Token::Kind::kWord;
        t.text = std::string(line.substr(i, j - i));
        if (!number_only) t.upper = Upper(t.text);
      } else {
        t.kind = Token::Kind::kPunct;
        if (c == ':' && j < n && line[j] == ':' && code_[j]) ++j;
        t.text = std::string(line.substr(i, j - i));
      }
      tokens_.push_back(std::move(t));
      space_ = false;
      i = j;
    }
  }

  // Ends the open literal (if any) and emits it as a token.
  void Close() {
    if (open_ == Open::kLiteral && !raw_.empty()) {
      Token t;
      char q = raw_[0];
      t.kind = q == '`' || (q == '"' && flavor_ == SqlFlavor::kStandard) ? Token::Kind::kQuoted : Token::Kind::kString;
      t.text = Unquote(raw_);
      t.line = raw_line_;
      t.space_before = raw_space_;
      // E'...', N'...', X'...', B'...': a one-letter prefix glued to the quote.
      if (t.kind == Token::Kind::kString && !t.space_before && !tokens_.empty()) {
        const Token& prev = tokens_.back();
        if (prev.kind == Token::Kind::kWord && prev.text.size() == 1 &&
            std::string_view("ENXB").find(prev.upper[0]) != std::string_view::npos) {
          t.space_before = prev.space_before;
          t.line = prev.line;
          tokens_.pop_back();
        }
      }
      tokens_.push_back(std::move(t));
    }
    open_ = Open::kNone;
    raw_.clear();
  }

  SqlFlavor flavor_;
  SqlLexer lexer_;
  std::vector<bool> code_;
  std::vector<Token> tokens_;
  Open open_ = Open::kNone;
  std::string raw_;  // the literal being read, delimiters included
  int raw_line_ = 0;
  bool raw_space_ = true;
  bool space_ = true;
};

bool IsWord(const Token& t, const char* word) { return t.kind == Token::Kind::kWord && t.upper == word; }

// CREATE [OR REPLACE] [DEFINER = ...] ... PROCEDURE | FUNCTION | TRIGGER | EVENT
bool StartsRoutine(const std::vector<Token>& tokens, size_t start) {
  if (start >= tokens.size() || !IsWord(tokens[start], "CREATE")) return false;
  for (size_t i = start + 1; i < tokens.size() && i < start + 16; ++i) {
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::kWord) continue;
    for (const char* w : {"PROCEDURE", "FUNCTION", "TRIGGER", "EVENT"}) {
      if (t.upper == w) return true;
    }
    for (const char* w : {"TABLE", "INDEX", "VIEW", "SCHEMA", "DATABASE", "TYPE", "SEQUENCE", "EXTENSION"}) {
      if (t.upper == w) return false;
    }
  }
  return false;
}

}  // namespace

std::vector<Token> Tokenize(const std::string& sql, SqlFlavor flavor) { return Tokenizer(flavor).Run(sql); }

std::vector<TokenRange> SplitStatements(const std::vector<Token>& tokens) {
  std::vector<TokenRange> out;
  size_t start = 0;
  bool routine = StartsRoutine(tokens, 0);
  int depth = 0;  // BEGIN ... END nesting inside an unquoted routine body
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (routine && t.kind == Token::Kind::kWord) {
      if (t.upper == "BEGIN" || t.upper == "CASE") {
        ++depth;
      } else if (t.upper == "END") {
        const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
        bool block_end = next && (IsWord(*next, "IF") || IsWord(*next, "LOOP") || IsWord(*next, "WHILE") ||
                                  IsWord(*next, "REPEAT") || IsWord(*next, "FOR"));
        if (block_end) {
          ++i;
        } else if (depth > 0) {
          --depth;
          if (next && IsWord(*next, "CASE")) ++i;
        }
      }
    }
    if (t.kind == Token::Kind::kPunct && t.text == ";" && depth == 0) {
      if (i > start) out.push_back({start, i});
      start = i + 1;
      routine = StartsRoutine(tokens, start);
      depth = 0;
    }
  }
  if (tokens.size() > start) out.push_back({start, tokens.size()});
  return out;
}

}  // namespace gander::lint
