// The findings as the formats of `gander lint` print them: text for people,
// JSON (--json), GitHub workflow annotations and GitLab Code Quality
// (--format github|gitlab). Pure: findings in, text out.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lint/rules.h"

namespace gander::lint {

// Per finding: `file:line: RULE severity: message` and an indented `fix:` line.
std::string FormatText(const std::vector<Finding>& findings);

// [{"rule","severity","file","line","version","direction","message","fix","doc"}, ...]
nlohmann::json FindingsJson(const std::vector<Finding>& findings);

// One `::error file=F,line=L,title=RULE::message` (or ::warning) line per
// finding, with GitHub's escapes (%25 %0D %0A; also %3A %2C in properties).
std::string FormatGithub(const std::vector<Finding>& findings);

// A GitLab Code Quality report: a JSON array of {description, check_name,
// fingerprint, severity, location: {path, lines: {begin}}}; the fingerprint
// stays the same when lines move (rule, file, message and occurrence).
std::string FormatGitlab(const std::vector<Finding>& findings);

// The documentation anchor of a rule: docs/lint.md#gl101.
std::string DocLink(const std::string& rule);

}  // namespace gander::lint
