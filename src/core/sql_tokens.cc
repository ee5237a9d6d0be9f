#include "core/sql_tokens.h"

#include <cctype>

namespace gander {
namespace {

bool IsWordByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A quoted name as a token: a plain name loses its quotes (SQLite reads
// "users" and users alike), any other keeps them, in double quotes.
SqlToken QuotedName(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && IsWordByte(c) && c != '$';
  if (plain) return {SqlToken::Type::kWord, Lower(name)};
  std::string text = "\"";
  for (char c : Lower(name)) text += c == '"' ? std::string("\"\"") : std::string(1, c);
  return {SqlToken::Type::kName, text + "\""};
}

// The end of a quoted run starting at sql[i] (the opening quote), where a
// doubled closing quote stands for itself; the unquoted content goes to *content.
size_t QuotedEnd(std::string_view sql, size_t i, char close, std::string* content) {
  size_t j = i + 1;
  while (j < sql.size()) {
    if (sql[j] == close) {
      if (close != ']' && j + 1 < sql.size() && sql[j + 1] == close) {
        *content += close;
        j += 2;
        continue;
      }
      return j + 1;
    }
    *content += sql[j++];
  }
  return j;
}

// The end of a number starting at sql[i]: digits, a fraction, an exponent
// with its sign, or a hex literal.
size_t NumberEnd(std::string_view sql, size_t i) {
  size_t j = i;
  while (j < sql.size()) {
    char c = sql[j];
    bool exponent_sign = (c == '+' || c == '-') && j > i && (sql[j - 1] == 'e' || sql[j - 1] == 'E') &&
                         !(sql[i] == '0' && i + 1 < sql.size() && (sql[i + 1] == 'x' || sql[i + 1] == 'X'));
    if (!(IsWordByte(c) || c == '.' || exponent_sign)) break;
    ++j;
  }
  return j;
}

const char* const kTwoCharOperators[] = {"||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "->"};

// Keywords that a parenthesis follows with a space ("a in (1, 2)", "x or
// (y)"); after any other word, "(" opens a call or a column list: "count(*)".
bool SpacedBeforeParen(const std::string& word) {
  static const char* const kKeywords[] = {
      "all",        "and",       "any",    "as",     "between", "by",   "case",  "check",  "constraint",
      "default",    "do",        "else",   "exists", "filter",  "from", "in",    "index",  "into",
      "is",         "join",      "key",    "like",   "not",     "on",   "or",    "over",   "primary",
      "references", "returning", "select", "set",    "table",   "then", "union", "unique", "using",
      "values",     "view",      "when",   "where",  "with"};
  for (const char* k : kKeywords) {
    if (word == k) return true;
  }
  return false;
}

}  // namespace

std::vector<SqlToken> TokenizeSql(std::string_view sql) {
  std::vector<SqlToken> tokens;
  size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      size_t eol = sql.find('\n', i);
      i = eol == std::string_view::npos ? sql.size() : eol + 1;
    } else if (sql.compare(i, 2, "/*") == 0) {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 2;
    } else if (c == '\'' || ((c == 'x' || c == 'X') && i + 1 < sql.size() && sql[i + 1] == '\'')) {
      size_t start = c == '\'' ? i : i + 1;
      std::string content;
      size_t end = QuotedEnd(sql, start, '\'', &content);
      tokens.push_back(
          {SqlToken::Type::kString, Lower(sql.substr(i, start - i)) + std::string(sql.substr(start, end - start))});
      i = end;
    } else if (c == '"' || c == '`' || c == '[') {
      std::string content;
      size_t end = QuotedEnd(sql, i, c == '[' ? ']' : c, &content);
      tokens.push_back(QuotedName(content));
      i = end;
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      size_t end = NumberEnd(sql, i);
      tokens.push_back({SqlToken::Type::kNumber, Lower(sql.substr(i, end - i))});
      i = end;
    } else if (IsWordByte(c)) {
      size_t end = i;
      while (end < sql.size() && IsWordByte(sql[end])) ++end;
      tokens.push_back({SqlToken::Type::kWord, Lower(sql.substr(i, end - i))});
      i = end;
    } else {
      size_t length = 1;
      if (sql.compare(i, 3, "->>") == 0) length = 3;
      for (const char* op : kTwoCharOperators) {
        if (length == 1 && sql.compare(i, 2, op) == 0) length = 2;
      }
      tokens.push_back({SqlToken::Type::kPunct, std::string(sql.substr(i, length))});
      i += length;
    }
  }
  return tokens;
}

std::string JoinSqlTokens(const std::vector<SqlToken>& tokens, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < tokens.size(); ++i) {
    const SqlToken& t = tokens[i];
    bool space = i > begin;
    if (space) {
      const SqlToken& prev = tokens[i - 1];
      bool prev_is_name =
          (prev.type == SqlToken::Type::kWord && !SpacedBeforeParen(prev.text)) || prev.type == SqlToken::Type::kName;
      if (prev.type == SqlToken::Type::kPunct && (prev.text == "(" || prev.text == ".")) space = false;
      if (t.type == SqlToken::Type::kPunct &&
          (t.text == ")" || t.text == "," || t.text == ";" || t.text == "." || (t.text == "(" && prev_is_name))) {
        space = false;
      }
    }
    if (space) out += ' ';
    out += t.text;
  }
  return out;
}

std::string NormalizeSql(std::string_view sql) {
  std::vector<SqlToken> tokens = TokenizeSql(sql);
  return JoinSqlTokens(tokens, 0, tokens.size());
}

}  // namespace gander
