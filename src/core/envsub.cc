#include "core/envsub.h"

#include <cstdint>
#include <optional>

#include "core/lexer.h"

namespace gander {

namespace {

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameByte(char c) { return IsLetter(c) || (c >= '0' && c <= '9') || c == '_'; }

Status Fail(const std::string& what) { return Status::Invalid("variable substitution failed: " + what); }

// Go's strconv.Atoi on trimmed text: optional sign, then decimal digits.
bool ParseInt(std::string_view text, int64_t* out) {
  text = TrimSpace(text);
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text.empty()) return false;
  uint64_t value = 0;
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    unsigned digit = static_cast<unsigned>(c - '0');
    if (value > (limit - digit) / 10) return false;
    value = value * 10 + digit;
  }
  *out = negative ? static_cast<int64_t>(0 - value) : static_cast<int64_t>(value);
  return true;
}

// ${VAR:offset[:length]} on a value, in bytes, as goose computes it.
std::string Slice(const std::string& value, int64_t offset, std::optional<int64_t> length) {
  const int64_t size = static_cast<int64_t>(value.size());
  int64_t from = offset < 0 ? offset + size : offset;
  if (from < 0) from = 0;
  if (from > size) from = size;
  if (!length) return value.substr(static_cast<size_t>(from));
  int64_t to;
  if (*length >= 0) {
    to = *length > size - from ? size : from + *length;
  } else {
    to = *length + size;
    if (to < from) to = from;
  }
  if (to > size) to = size;
  return value.substr(static_cast<size_t>(from), static_cast<size_t>(to - from));
}

// A recursive-descent reader of one line. With `eval` false it only checks
// the syntax (no lookups), so that a malformed reference anywhere on the line
// is reported before any unset variable, and unused defaults are never looked up.
class Expander {
 public:
  Expander(std::string_view in, const EnvLookup& env) : in_(in), env_(env) {}

  Status Run(bool eval, std::string* out) {
    pos_ = 0;
    out->clear();
    return Expression(/*nested=*/false, eval, out);
  }

 private:
  bool At(std::string_view s) const { return in_.compare(pos_, s.size(), s) == 0; }
  bool AtEnd() const { return pos_ >= in_.size(); }

  // The character at pos_ for an error message (a whole UTF-8 sequence).
  std::string Shown() const {
    if (AtEnd()) return "end of line";
    size_t end = pos_ + 1;
    while (end < in_.size() && (static_cast<unsigned char>(in_[end]) & 0xC0) == 0x80) ++end;
    return "'" + std::string(in_.substr(pos_, end - pos_)) + "'";
  }

  // Text and expansions up to the end of the line, or up to `}` when nested.
  Status Expression(bool nested, bool eval, std::string* out) {
    while (!AtEnd() && !(nested && in_[pos_] == '}')) {
      if (At("\\\\")) {
        out->append("\\\\");  // goose keeps an escaped backslash as two
        pos_ += 2;
      } else if (At("\\$") || At("$$")) {
        out->push_back('$');
        pos_ += 2;
      } else if (At("$(")) {
        out->append("$(");  // shell command syntax is left alone
        pos_ += 2;
      } else if (in_[pos_] == '$' && pos_ + 1 < in_.size()) {
        GANDER_RETURN_IF_ERROR(Expansion(eval, out));
      } else {
        size_t start = pos_++;
        while (!AtEnd() && in_[pos_] != '$' && in_[pos_] != '\\' && !(nested && in_[pos_] == '}')) ++pos_;
        out->append(in_.substr(start, pos_ - start));
      }
    }
    return Status::OK();
  }

  Status Name(std::string* name) {
    if (AtEnd() || !IsLetter(in_[pos_])) {
      return Fail("expected a variable name (a letter) after '$', got " + Shown() +
                  " (write \\$ or $$ for a literal '$')");
    }
    size_t start = pos_;
    while (!AtEnd() && IsNameByte(in_[pos_])) ++pos_;
    *name = std::string(in_.substr(start, pos_ - start));
    return Status::OK();
  }

  // An empty EnvLookup means "no variables are set".
  std::optional<std::string> Get(const std::string& name) const {
    return env_ ? env_(name) : std::nullopt;
  }

  Status Lookup(const std::string& name, std::string* out) {
    std::optional<std::string> value = Get(name);
    if (!value) {
      return Fail("$" + name + " is not set (write ${" + name + ":-} to substitute an empty value)");
    }
    out->append(*value);
    return Status::OK();
  }

  Status Expansion(bool eval, std::string* out) {
    ++pos_;  // '$'
    if (!AtEnd() && in_[pos_] == '{') return Brace(eval, out);
    std::string name;
    GANDER_RETURN_IF_ERROR(Name(&name));
    return eval ? Lookup(name, out) : Status::OK();
  }

  Status CloseBrace(const std::string& name) {
    if (AtEnd() || in_[pos_] != '}') return Fail("missing '}' after ${" + name + ", got " + Shown());
    ++pos_;
    return Status::OK();
  }

  Status Brace(bool eval, std::string* out) {
    ++pos_;  // '{'
    std::string name;
    GANDER_RETURN_IF_ERROR(Name(&name));
    if (AtEnd() || in_[pos_] == '}') {
      GANDER_RETURN_IF_ERROR(CloseBrace(name));
      return eval ? Lookup(name, out) : Status::OK();
    }
    char op = in_[pos_++];
    if (op == ':' && !AtEnd() && in_[pos_] == '-') {
      ++pos_;
      op = '=';  // ":-", use the word when unset or empty
    } else if (op == ':') {
      return Substring(name, eval, out);
    } else if (op != '-' && op != '?') {
      --pos_;
      return Fail("expected '}', ':-', '-', '?' or ':' after ${" + name + ", got " + Shown());
    }
    std::optional<std::string> value;
    if (eval) value = Get(name);
    bool use_word = eval && (op == '=' ? !value || value->empty() : !value);
    std::string word;
    GANDER_RETURN_IF_ERROR(Expression(/*nested=*/true, use_word, &word));
    GANDER_RETURN_IF_ERROR(CloseBrace(name));
    if (!eval) return Status::OK();
    if (op == '?' && !value) return Fail("$" + name + ": " + (word.empty() ? "not set" : word));
    out->append(use_word ? word : *value);
    return Status::OK();
  }

  Status Substring(const std::string& name, bool eval, std::string* out) {
    size_t start = pos_;
    while (!AtEnd() && in_[pos_] != ':' && in_[pos_] != '}') ++pos_;
    int64_t offset = 0;
    if (!ParseInt(in_.substr(start, pos_ - start), &offset)) {
      return Fail("invalid offset '" + std::string(in_.substr(start, pos_ - start)) + "' in ${" + name +
                  ":...} (use ${" + name + ":-word} for a default)");
    }
    std::optional<int64_t> length;
    if (!AtEnd() && in_[pos_] == ':') {
      start = ++pos_;
      while (!AtEnd() && in_[pos_] != '}') ++pos_;
      int64_t len = 0;
      if (!ParseInt(in_.substr(start, pos_ - start), &len)) {
        return Fail("invalid length '" + std::string(in_.substr(start, pos_ - start)) + "' in ${" + name + ":...}");
      }
      length = len;
    }
    GANDER_RETURN_IF_ERROR(CloseBrace(name));
    if (!eval) return Status::OK();
    std::string value;
    GANDER_RETURN_IF_ERROR(Lookup(name, &value));
    out->append(Slice(value, offset, length));
    return Status::OK();
  }

  std::string_view in_;
  const EnvLookup& env_;
  size_t pos_ = 0;
};

}  // namespace

Status ExpandEnv(std::string_view line, const EnvLookup& env, std::string* out) {
  Expander expander(line, env);
  GANDER_RETURN_IF_ERROR(expander.Run(/*eval=*/false, out));  // syntax first
  return expander.Run(/*eval=*/true, out);
}

}  // namespace gander
