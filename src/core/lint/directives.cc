#include "core/lint/directives.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "core/lexer.h"

namespace gander::lint {
namespace {

constexpr std::string_view kKeyword = "gander:lint-ignore";

// The file's lines as the parser numbers them: "\n" ends a line, a "\r"
// before it is dropped, a leading UTF-8 BOM is skipped.
std::vector<std::string_view> Lines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

bool IsAnnotation(std::string_view line) {
  std::string_view t = TrimSpace(line);
  return t.substr(0, 2) == "--" && t.find("+goose") != std::string_view::npos;
}

bool IsDownAnnotation(std::string_view line) {
  if (!IsAnnotation(line)) return false;
  std::string rest(TrimSpace(line.substr(line.find("+goose") + 6)));
  for (char& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return rest == "down";
}

// Parses "RULE[,RULE] reason" (spaces after commas allowed).
void ParseBody(std::string_view body, Directive* d) {
  std::istringstream words{std::string(body)};
  std::string word, list;
  bool in_list = true;
  while (words >> word) {
    if (in_list && (list.empty() || list.back() == ',' || word.front() == ',')) {
      list += word;
      continue;
    }
    in_list = false;
    d->reason += (d->reason.empty() ? "" : " ") + word;
  }
  std::istringstream parts(list);
  std::string rule;
  while (std::getline(parts, rule, ',')) {
    if (rule.empty()) continue;
    for (char& c : rule) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    d->rules.push_back(rule);
  }
}

}  // namespace

int DownAnnotationLine(const std::string& text) {
  std::vector<std::string_view> lines = Lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsDownAnnotation(lines[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

std::vector<LineSpan> SpansOf(const MigrationPart& part) {
  std::vector<LineSpan> spans;
  for (const SqlStatement& s : part.statements) {
    int lines = static_cast<int>(std::count(s.text.begin(), s.text.end(), '\n'));
    spans.push_back({s.line, s.line + lines});
  }
  return spans;
}

std::vector<Directive> ReadDirectives(const std::string& text, const std::vector<LineSpan>& spans, bool goose) {
  std::vector<Directive> out;
  std::vector<std::string_view> lines = Lines(text);
  SqlLexer lexer(SqlFlavor::kStandard);
  std::vector<bool> code;
  int down_line = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    std::string_view line = lines[i];
    if (goose && down_line == 0 && IsDownAnnotation(line)) down_line = number;
    lexer.ScanLine(line, &code);
    size_t at = std::string_view::npos;
    bool has_code = false;
    for (size_t j = 0; j + 1 < line.size(); ++j) {
      if (line[j] == '-' && line[j + 1] == '-' && code[j] && !code[j + 1]) {
        at = j;
        break;
      }
      if (code[j] && !std::isspace(static_cast<unsigned char>(line[j]))) has_code = true;
    }
    if (at == std::string_view::npos) continue;
    std::string_view comment = TrimSpace(line.substr(at + 2));
    if (comment.substr(0, kKeyword.size()) != kKeyword) continue;
    std::string_view body = comment.substr(kKeyword.size());
    if (!body.empty() && SpaceLengthAt(body, 0) == 0) continue;  // gander:lint-ignored ... is something else
    Directive d;
    d.line = number;
    d.in_down = down_line != 0 && number > down_line;
    ParseBody(body, &d);
    auto containing = std::find_if(spans.begin(), spans.end(),
                                   [&](const LineSpan& s) { return s.first <= number && number <= s.last; });
    if (has_code || containing != spans.end()) {
      if (containing != spans.end()) d.target = *containing;
    } else {
      auto next = std::find_if(spans.begin(), spans.end(), [&](const LineSpan& s) { return s.first > number; });
      bool separated = false;
      for (int l = number + 1; next != spans.end() && l < next->first && l <= static_cast<int>(lines.size()); ++l) {
        std::string_view between = lines[static_cast<size_t>(l) - 1];
        if (TrimSpace(between).empty() || IsAnnotation(between)) separated = true;
      }
      if (spans.empty() || (next == spans.begin() && separated)) {
        d.file_wide = true;
      } else if (next != spans.end()) {
        d.target = *next;
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

int ApplyDirectives(const std::vector<LintMigration>& migrations, const LintOptions& options,
                    std::vector<Finding>* findings) {
  int removed = 0;
  std::vector<Finding> added;
  auto add = [&](const char* rule, const std::string& file, int line, const LintMigration& m, bool down,
                 const std::string& message) {
    const RuleInfo* r = FindRule(rule);
    Severity s = EffectiveSeverity(*r, options.config.severities);
    if (s == Severity::kOff) return;
    added.push_back({rule, s, file, line, m.version, down ? Direction::kDown : Direction::kUp, message, r->fix});
  };
  for (const LintMigration& m : migrations) {
    if (!m.in_scope) continue;
    struct FileOf {
      const std::string* name;
      const std::string* text;
      std::vector<LineSpan> spans;
      bool goose;
    };
    std::vector<FileOf> files;
    std::vector<LineSpan> up = SpansOf(m.parsed.up);
    std::vector<LineSpan> down = m.parsed.down ? SpansOf(*m.parsed.down) : std::vector<LineSpan>{};
    if (m.down_file.empty()) {
      up.insert(up.end(), down.begin(), down.end());
      files.push_back({&m.file, &m.text, up, true});
    } else {
      files.push_back({&m.file, &m.text, up, false});
      files.push_back({&m.down_file, &m.down_text, down, false});
    }
    for (const FileOf& f : files) {
      bool down_file = !m.down_file.empty() && f.name == &m.down_file;
      for (const Directive& d : ReadDirectives(*f.text, f.spans, f.goose)) {
        bool in_down = down_file || d.in_down;
        if (d.reason.empty() || d.rules.empty()) {
          add("GL901", *f.name, d.line, m, in_down, "lint-ignore without a reason: it is not applied");
          continue;
        }
        for (const std::string& rule : d.rules) {
          const RuleInfo* info = FindRule(rule);
          if (info == nullptr) {
            add("GL902", *f.name, d.line, m, in_down, "lint-ignore names an unknown rule \"" + rule + "\"");
            continue;
          }
          size_t before = findings->size();
          findings->erase(std::remove_if(findings->begin(), findings->end(),
                                         [&](const Finding& x) {
                                           return x.rule == info->id && x.file == *f.name &&
                                                  (d.file_wide || (d.target.first > 0 && d.target.first <= x.line &&
                                                                   x.line <= d.target.last));
                                         }),
                          findings->end());
          size_t matched = before - findings->size();
          removed += static_cast<int>(matched);
          bool active = RuleApplies(*info, options.engine) &&
                        EffectiveSeverity(*info, options.config.severities) != Severity::kOff;
          if (matched == 0 && active) {
            add("GL903", *f.name, d.line, m, in_down,
                "lint-ignore " + std::string(info->id) + " matches no finding " +
                    (d.file_wide ? "in this file" : d.target.first > 0 ? "on the statement it covers" : "(no statement follows it)"));
          }
        }
      }
    }
  }
  findings->insert(findings->end(), added.begin(), added.end());
  return removed;
}

}  // namespace gander::lint
