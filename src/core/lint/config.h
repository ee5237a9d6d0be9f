// The "lint" object of gander.json: {"lint": {"rules": {"GL110": "off",
// "GL101": "error"}}}. Pure: the parsed JSON comes in.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/lint/lint.h"
#include "core/status.h"

namespace gander::lint {

// Reads `lint` into *config. An unknown key, an unknown rule id or a
// severity other than "error", "warning" or "off" is Status::Invalid naming
// `file` and the key.
Status ParseLintConfig(const nlohmann::json& lint, const std::string& file, LintConfig* config);

}  // namespace gander::lint
