// A read position over the tokens of one SQL statement, for the classifier.
// Every read is bounds-checked: past the end it sees an empty punctuation
// token, so malformed SQL never crashes the linter (it is classified as far
// as it can be read).
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "core/lint/tokens.h"

namespace gander::lint {

class Cursor {
 public:
  Cursor(const std::vector<Token>& tokens, TokenRange range) : tokens_(tokens), pos_(range.begin), end_(range.end) {}

  // A cursor over a sub-range of the same tokens.
  Cursor Sub(TokenRange range) const { return Cursor(tokens_, range); }
  // The token at absolute index i (the tokens this cursor reads).
  const Token& At(size_t i) const { return tokens_[i]; }

  bool AtEnd() const { return pos_ >= end_; }
  size_t pos() const { return pos_; }
  size_t end() const { return end_; }
  void Seek(size_t pos) { pos_ = pos < end_ ? pos : end_; }

  // The token k places ahead (an empty punctuation token past the end).
  const Token& Peek(size_t k = 0) const {
    static const Token kNone;
    return pos_ + k < end_ ? tokens_[pos_ + k] : kNone;
  }
  void Next() { if (pos_ < end_) ++pos_; }

  bool IsWord(const char* upper, size_t k = 0) const {
    const Token& t = Peek(k);
    return t.kind == Token::Kind::kWord && t.upper == upper;
  }
  bool IsPunct(const char* text, size_t k = 0) const {
    const Token& t = Peek(k);
    return pos_ + k < end_ && t.kind == Token::Kind::kPunct && t.text == text;
  }
  // A name: an unquoted word or a quoted name.
  bool IsName(size_t k = 0) const {
    const Token& t = Peek(k);
    return pos_ + k < end_ && (t.kind == Token::Kind::kWord || t.kind == Token::Kind::kQuoted);
  }

  // Consumes the keyword (or each keyword of the sequence, all or none).
  bool Accept(const char* upper) {
    if (!IsWord(upper)) return false;
    Next();
    return true;
  }
  bool Accept(std::initializer_list<const char*> words) {
    size_t k = 0;
    for (const char* w : words) {
      if (!IsWord(w, k++)) return false;
    }
    pos_ += k;
    return true;
  }
  bool AcceptPunct(const char* text) {
    if (!IsPunct(text)) return false;
    Next();
    return true;
  }

  // Reads a possibly qualified name (`a`, `"S".t`, `db`.`t`) and returns its
  // last part, lower-cased (names are compared case-insensitively); the
  // parts before it go to *qualifier when given. "" when there is no name.
  std::string Name(std::string* qualifier = nullptr) {
    if (!IsName()) return "";
    std::string name = Lower(Peek().text);
    Next();
    while (IsPunct(".") && IsName(1)) {
      if (qualifier) *qualifier = name;
      Next();
      name = Lower(Peek().text);
      Next();
    }
    return name;
  }

  // At `(`: moves past its matching `)` (or to the end) and returns the
  // ranges of the top-level comma-separated items inside. Otherwise returns
  // nothing and does not move.
  std::vector<TokenRange> Parenthesized() {
    std::vector<TokenRange> items;
    if (!IsPunct("(")) return items;
    Next();
    int depth = 0;
    size_t start = pos_;
    while (!AtEnd()) {
      if (IsPunct("(") || IsPunct("[")) {
        ++depth;
      } else if ((IsPunct(")") || IsPunct("]")) && depth > 0) {
        --depth;
      } else if (IsPunct(")") && depth == 0) {
        if (pos_ > start) items.push_back({start, pos_});
        Next();
        return items;
      } else if (IsPunct(",") && depth == 0) {
        items.push_back({start, pos_});
        start = pos_ + 1;
      }
      Next();
    }
    if (pos_ > start) items.push_back({start, pos_});
    return items;
  }

  static std::string Lower(const std::string& s) {
    std::string out = s;
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }

 private:
  const std::vector<Token>& tokens_;
  size_t pos_;
  size_t end_;
};

}  // namespace gander::lint
