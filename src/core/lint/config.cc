#include "core/lint/config.h"

namespace gander::lint {

Status ParseLintConfig(const nlohmann::json& lint, const std::string& file, LintConfig* config) {
  *config = LintConfig();
  if (!lint.is_object()) return Status::Invalid("\"lint\" must be an object such as {\"rules\": {\"GL110\": \"off\"}}").At(file);
  for (const auto& [key, value] : lint.items()) {
    if (key != "rules") return Status::Invalid("unknown key \"lint." + key + "\" (known: rules)").At(file);
    if (!value.is_object()) return Status::Invalid("\"lint.rules\" must map rule ids to \"error\", \"warning\" or \"off\"").At(file);
    for (const auto& [id, severity] : value.items()) {
      const RuleInfo* rule = FindRule(id);
      if (rule == nullptr) return Status::Invalid("unknown rule \"" + id + "\" in lint.rules (see docs/lint.md)").At(file);
      std::string s = severity.is_string() ? severity.get<std::string>() : "";
      if (s == "error") {
        config->severities[rule->id] = Severity::kError;
      } else if (s == "warning") {
        config->severities[rule->id] = Severity::kWarning;
      } else if (s == "off") {
        config->severities[rule->id] = Severity::kOff;
      } else {
        return Status::Invalid("lint.rules." + id + " must be \"error\", \"warning\" or \"off\"").At(file);
      }
    }
  }
  return Status::OK();
}

}  // namespace gander::lint
