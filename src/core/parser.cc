#include <algorithm>
#include "core/parser.h"

#include <utility>
#include <vector>

#include "core/envsub.h"
#include "core/lexer.h"
#include "core/lint/tokens.h"

namespace gander {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool EqualFoldAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

struct Line {
  std::string_view text;
  int number;
};

// Splits text into lines as goose's line scanner does: a line ends at "\n"
// and loses one "\r" before it (CRLF), a last line without "\n" counts, a
// lone "\r" stays inside its line. Deviation: a leading UTF-8 BOM is skipped.
std::vector<Line> SplitLines(std::string_view text) {
  if (StartsWith(text, kBom)) text.remove_prefix(kBom.size());
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t newline = text.find('\n', pos);
    size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back({line, static_cast<int>(lines.size()) + 1});
    if (newline == std::string_view::npos) break;
    pos = newline + 1;
  }
  return lines;
}

enum class Annotation { kUp, kDown, kStatementBegin, kStatementEnd, kNoTransaction, kEnvsubOn, kEnvsubOff };

// goose reads a line as an annotation when its trimmed text starts with `--`
// and it mentions `+goose` anywhere, so `-- see +goose docs` is one too.
bool IsAnnotationLine(std::string_view line) {
  return StartsWith(TrimSpace(line), "--") && line.find("+goose") != std::string_view::npos;
}

// goose's annotation grammar: the line must start with `--`; all `--` and
// the first `+goose` are removed, and the rest, trimmed, must name an
// annotation (case-insensitive, single spaces as written).
Status ParseAnnotation(std::string_view line, Annotation* out) {
  if (StartsWith(line, " ") || StartsWith(line, "\t")) {
    return Status::Invalid("a '-- +goose' annotation must start at the beginning of the line");
  }
  std::string cmd;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 2, "--") == 0) {
      ++i;
    } else {
      cmd.push_back(line[i]);
    }
  }
  if (size_t at = cmd.find("+goose"); at != std::string::npos) cmd.erase(at, 6);
  if (cmd.find("+goose") != std::string::npos) {
    return Status::Invalid("more than one '+goose' on an annotation line");
  }
  std::string_view name = TrimSpace(cmd);
  if (name.empty()) return Status::Invalid("empty annotation: '-- +goose' needs a name such as Up or Down");
  static const std::pair<std::string_view, Annotation> kNames[] = {
      {"Up", Annotation::kUp},
      {"Down", Annotation::kDown},
      {"StatementBegin", Annotation::kStatementBegin},
      {"StatementEnd", Annotation::kStatementEnd},
      {"NO TRANSACTION", Annotation::kNoTransaction},
      {"ENVSUB ON", Annotation::kEnvsubOn},
      {"ENVSUB OFF", Annotation::kEnvsubOff},
  };
  for (const auto& [spelling, annotation] : kNames) {
    if (EqualFoldAscii(name, spelling)) {
      *out = annotation;
      return Status::OK();
    }
  }
  return Status::Invalid("unknown annotation \"" + std::string(name) +
                         "\" (expected Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON or "
                         "ENVSUB OFF; a '--' comment that mentions +goose is read as an annotation)");
}

// The first line of a statement, shortened, for error messages.
std::string Snippet(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  constexpr size_t kMax = 40;
  if (text.size() <= kMax) return "\"" + std::string(text) + "\"";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return "\"" + std::string(text.substr(0, cut)) + "...\"";
}

// True when `text` holds SQL, not only comments, in both readings of the
// lexer: `# note` is only a comment to MySQL, `--note` only to the others.
bool HasSql(std::string_view text) {
  std::string sql(text);
  return !lint::Tokenize(sql, SqlFlavor::kStandard).empty() && !lint::Tokenize(sql, SqlFlavor::kMySql).empty();
}

// One pass over a file, building both directions at once (goose parses each
// direction separately). A malformed structure stops the pass; a problem of
// one section is recorded in its part and the pass goes on.
class Parser {
 public:
  Parser(const std::string& file, const EnvLookup& env, bool paired)
      : file_(file), env_(env), paired_(paired), state_(paired ? State::kUp : State::kStart) {}

  // Fills *out with what was read even when the structure is malformed.
  Status Run(std::string_view text, ParsedMigration* out);

 private:
  enum class State { kStart, kUp, kUpBlock, kDown, kDownBlock };

  Status Error(int line, const std::string& message) const { return Status::Invalid(message).At(file_, line); }
  bool InBlock() const { return state_ == State::kUpBlock || state_ == State::kDownBlock; }
  bool InDown() const { return state_ == State::kDown || state_ == State::kDownBlock; }
  std::string Section() const { return paired_ ? "file" : InDown() ? "Down section" : "Up section"; }

  Status Scan(std::string_view text);
  Status OnAnnotation(Annotation annotation, int line);
  Status OnSqlLine(std::string_view line, int number);
  MigrationPart& Current() { return InDown() ? *result_.down : result_.up; }
  // Records a problem of the section being read; its first one is kept.
  void Problem(Status problem);
  // Ends the section's last statement: at the end of a paired file it is a
  // statement; in a goose section it is a problem ("missing semicolon?").
  void FinishSection();
  void Emit();

  const std::string& file_;
  const EnvLookup& env_;
  const bool paired_;
  State state_;
  bool use_tx_ = true;
  bool envsub_ = false;
  ParsedMigration result_;
  std::string buf_;      // the statement being read: its lines, each ending in "\n"
  int stmt_line_ = 0;    // line of its first non-blank line
  int block_line_ = 0;   // line of the open StatementBegin
  StatementSplitter splitter_;
  std::string expanded_;  // reused ENVSUB output
};

Status Parser::Run(std::string_view text, ParsedMigration* out) {
  Status st = Scan(text);
  // NO TRANSACTION anywhere applies to the whole file, as in goose.
  result_.up.use_tx = use_tx_;
  if (result_.down) result_.down->use_tx = use_tx_;
  *out = std::move(result_);
  return st;
}

Status Parser::Scan(std::string_view text) {
  for (const Line& line : SplitLines(text)) {
    if (state_ == State::kStart && TrimSpace(line.text).empty()) continue;
    if (IsAnnotationLine(line.text)) {
      Annotation annotation = Annotation::kUp;
      Status st = ParseAnnotation(line.text, &annotation);
      if (!st.ok()) return st.At(file_, line.number);
      GANDER_RETURN_IF_ERROR(OnAnnotation(annotation, line.number));
    } else {
      GANDER_RETURN_IF_ERROR(OnSqlLine(line.text, line.number));
    }
  }
  if (state_ == State::kStart) {
    return Error(0, "missing '-- +goose Up' annotation (a goose migration must start with its Up section)");
  }
  if (InBlock()) {
    return Error(block_line_, "'-- +goose StatementBegin' has no matching '-- +goose StatementEnd'");
  }
  FinishSection();
  return Status::OK();
}

Status Parser::OnAnnotation(Annotation annotation, int line) {
  switch (annotation) {
    case Annotation::kUp:
    case Annotation::kDown: {
      const char* which = annotation == Annotation::kUp ? "Up" : "Down";
      if (paired_) {
        return Error(line, std::string("'-- +goose ") + which +
                               "' is not used in .up.sql/.down.sql files (the file name gives the direction)");
      }
      if (annotation == Annotation::kUp) {
        if (state_ != State::kStart) return Error(line, "duplicate '-- +goose Up' annotation");
        state_ = State::kUp;
        return Status::OK();
      }
      if (state_ == State::kStart) return Error(line, "'-- +goose Down' before '-- +goose Up'");
      if (InBlock()) {
        return Error(line, "'-- +goose Down' inside the StatementBegin block opened at line " +
                               std::to_string(block_line_) + " (missing '-- +goose StatementEnd'?)");
      }
      if (InDown()) return Error(line, "duplicate '-- +goose Down' annotation");
      FinishSection();
      result_.down.emplace();
      state_ = State::kDown;
      return Status::OK();
    }
    case Annotation::kStatementBegin:
      if (state_ == State::kStart) return Error(line, "'-- +goose StatementBegin' before '-- +goose Up'");
      if (InBlock()) {
        return Error(line, "'-- +goose StatementBegin' inside the block opened at line " +
                               std::to_string(block_line_) + " (missing '-- +goose StatementEnd'?)");
      }
      // Unfinished text before the block joins the block's statement, as in goose.
      state_ = InDown() ? State::kDownBlock : State::kUpBlock;
      block_line_ = line;
      return Status::OK();
    case Annotation::kStatementEnd:
      if (!InBlock()) return Error(line, "'-- +goose StatementEnd' without a matching '-- +goose StatementBegin'");
      Emit();  // deviation: an empty block yields no statement (goose: an empty one)
      state_ = state_ == State::kDownBlock ? State::kDown : State::kUp;
      return Status::OK();
    case Annotation::kNoTransaction:
      use_tx_ = false;
      return Status::OK();
    case Annotation::kEnvsubOn:
    case Annotation::kEnvsubOff:
      envsub_ = annotation == Annotation::kEnvsubOn;
      return Status::OK();
  }
  return Status::OK();
}

Status Parser::OnSqlLine(std::string_view line, int number) {
  if (buf_.empty()) {
    // Blank and comment lines before a statement are dropped. goose drops only
    // truly empty lines here, so a whitespace-only line starts a statement
    // and keeps the comments after it; paired files have no such quirk.
    std::string_view trimmed = TrimSpace(line);
    if (StartsWith(trimmed, "--") || line.empty() || (paired_ && trimmed.empty())) return Status::OK();
  }
  if (state_ == State::kStart) return Error(number, "SQL before the '-- +goose Up' annotation");
  std::string_view text = line;
  if (envsub_) {
    Status st = ExpandEnv(line, env_, &expanded_);
    if (st.ok()) {
      text = expanded_;
    } else {
      Problem(st.At(file_, number));  // the line is split as written
    }
  }
  if (stmt_line_ == 0 && !TrimSpace(text).empty()) stmt_line_ = number;
  buf_.append(text);
  buf_.push_back('\n');
  if (!InBlock() && splitter_.EndsStatement(text)) Emit();
  return Status::OK();
}

void Parser::Problem(Status problem) {
  MigrationPart& part = Current();
  if (part.problem.ok()) part.problem = std::move(problem);
}

void Parser::FinishSection() {
  std::string_view rest = TrimSpace(buf_);
  if (rest.empty()) return Emit();  // drops whitespace-only leftovers
  if (paired_ && !splitter_.InConstruct()) {
    if (HasSql(rest)) return Emit();
  } else if (paired_) {
    Problem(Error(stmt_line_, "SQL statement " + Snippet(rest) + " at the end of the file ends inside an unclosed "
                                                                 "quote, dollar quote or block comment"));
  } else {
    std::string message = "unfinished SQL statement " + Snippet(rest) + " at the end of the " + Section() +
                          ": missing semicolon?";
    if (splitter_.InConstruct()) message += " (it ends inside an unclosed quote, dollar quote or block comment)";
    Problem(Error(stmt_line_, message));
  }
  buf_.clear();
  stmt_line_ = 0;
  splitter_.Reset();
}

void Parser::Emit() {
  std::string_view text = TrimSpace(buf_);
  if (!text.empty()) Current().statements.push_back({std::string(text), stmt_line_});
  buf_.clear();
  stmt_line_ = 0;
  splitter_.Reset();
}

}  // namespace

namespace {

// A NUL byte ends a string for every engine's client library: the SQL after
// it would be silently dropped (or, in SQLite, never consumed).
Status RejectNulBytes(std::string_view text, const std::string& file) {
  size_t nul = text.find('\0');
  if (nul == std::string_view::npos) return Status::OK();
  int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n'));
  return Status::Invalid("NUL byte in the file; SQL text cannot contain one").At(file, line);
}

}  // namespace

Status ParseGooseSections(std::string_view text, const std::string& file, const EnvLookup& env,
                          ParsedMigration* out) {
  *out = ParsedMigration();
  GANDER_RETURN_IF_ERROR(RejectNulBytes(text, file));
  return Parser(file, env, /*paired=*/false).Run(text, out);
}

Status ParseGooseMigration(std::string_view text, const std::string& file, const EnvLookup& env,
                           ParsedMigration* out) {
  Status structure = ParseGooseSections(text, file, env, out);
  // The first problem in the file, as a reader meets them.
  Status first = structure;
  for (const Status* p : {&out->up.problem, out->down ? &out->down->problem : nullptr}) {
    if (p && !p->ok() && (first.ok() || p->line() < first.line())) first = *p;
  }
  return first;
}

Status ParsePairedPart(std::string_view text, const std::string& file, const EnvLookup& env, MigrationPart* out) {
  *out = MigrationPart();
  GANDER_RETURN_IF_ERROR(RejectNulBytes(text, file));
  ParsedMigration parsed;
  Status st = Parser(file, env, /*paired=*/true).Run(text, &parsed);
  *out = std::move(parsed.up);
  if (!st.ok()) return st;
  return out->problem;
}

}  // namespace gander
