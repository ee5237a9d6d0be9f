// lint-ignore directives: `-- gander:lint-ignore RULE[,RULE] reason`.
//
// A directive applies to one statement when it is a comment on one of the
// statement's lines, or on its own line(s) right above it (only comment
// lines between). It applies to the whole file when it stands before the
// file's first statement and a blank line or a `-- +goose` annotation
// separates it from that statement (or the file has no statement). A reason
// is required. Pure: the file's text and its statements' line spans come in.
#pragma once

#include <string>
#include <vector>

#include "core/lint/lint.h"

namespace gander::lint {

// The lines [first, last] a statement covers in its file.
struct LineSpan {
  int first = 0;
  int last = 0;
};

struct Directive {
  int line = 0;                    // where it is written
  std::vector<std::string> rules;  // as written (upper-cased)
  std::string reason;
  bool file_wide = false;
  LineSpan target;                 // the statement it covers (not file_wide); first == 0: none
  bool in_down = false;            // written in the Down section of a goose file
};

// Every directive of one file. `spans` are the file's statements in order;
// `goose` tells that `-- +goose Down` separates the up and down sections.
std::vector<Directive> ReadDirectives(const std::string& text, const std::vector<LineSpan>& spans, bool goose);

// Removes the findings that directives of the in-scope migrations suppress
// and adds the directive findings (GL901 no reason, GL902 unknown rule,
// GL903 matches nothing). Returns the number of findings removed.
int ApplyDirectives(const std::vector<LintMigration>& migrations, const LintOptions& options,
                    std::vector<Finding>* findings);

// The line of a goose file's `-- +goose Down` annotation, 0 when it has none.
int DownAnnotationLine(const std::string& text);

// The line spans of a part's statements (a statement's text joined by "\n"
// covers as many lines as it holds).
std::vector<LineSpan> SpansOf(const MigrationPart& part);

}  // namespace gander::lint
