#include "cli/command_line.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <deque>
#include <set>

#include "cli/argv.h"
#include "cli/settings_table.h"

namespace gander {
namespace {

// CLI11's spelling of a row's flags: "-v", "--dir", "-h,--help".
std::string Cli11Names(const SettingRow& row) {
  std::string names;
  for (const std::string& name : FlagNames(row)) {
    names += (names.empty() ? "" : ",") + std::string(name.size() == 1 ? "-" : "--") + name;
  }
  return names;
}

// Where a setting's value came from, for the start of an error message.
std::string Origin(const SettingRow& row, const ResolvedSetting& r) {
  if (r.source == "flag") {
    if (*row.flag == '\0') return std::string(row.name == std::string("driver") ? "DRIVER" : "DBSTRING");
    std::string spelled = row.flag;  // as the help writes it: -dir, --steps
    return spelled.substr(spelled.rfind(',') + 1);
  }
  if (r.source.rfind("env ", 0) == 0) return r.source.substr(4) + " (env)";
  if (r.source.rfind(".env ", 0) == 0) return r.source.substr(5) + " (.env)";
  return r.source + ": " + row.name;
}

}  // namespace

Status ParseCommandLine(const std::vector<std::string>& raw, CommandLine* out) {
  std::vector<std::string> long_names = LongFlagNames();
  std::vector<std::string> args = NormalizeArgs(raw, std::set<std::string>(long_names.begin(), long_names.end()));
  CLI::App app("gander");
  app.set_help_flag();
  // One slot per row; deques keep the addresses CLI11 holds.
  std::deque<bool> switches;
  std::deque<std::string> values;
  std::deque<std::vector<std::string>> lists;
  std::vector<std::pair<const SettingRow*, CLI::Option*>> options;
  for (const SettingRow& row : SettingRows()) {
    if (row.kind == FlagKind::kNone) continue;
    CLI::Option* option = nullptr;
    if (row.kind == FlagKind::kSwitch) {
      option = app.add_flag(Cli11Names(row), switches.emplace_back(false));
    } else if (row.kind == FlagKind::kValue) {
      option = app.add_option(Cli11Names(row), values.emplace_back());
    } else {
      option = app.add_option(Cli11Names(row), lists.emplace_back())->allow_extra_args(false);
    }
    options.emplace_back(&row, option);
  }
  app.add_option("args", out->positionals);
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    return Status::Invalid(e.what());
  }
  size_t s = 0, v = 0, l = 0;
  for (const auto& [row, option] : options) {
    std::string text;
    if (row->kind == FlagKind::kSwitch) {
      text = switches[s++] ? "true" : "false";
    } else if (row->kind == FlagKind::kValue) {
      text = values[v++];
    } else {
      for (const std::string& item : lists[l++]) text += (text.empty() ? "" : "\n") + item;
    }
    if (option->count() > 0) out->given[row->name] = text;
  }
  return Status::OK();
}

Status ApplySettings(const CommandLine& line, const SettingInputs& inputs, Invocation* inv) {
  for (const SettingRow& row : SettingRows()) {
    auto flag = line.given.find(row.name);
    ResolvedSetting r = ResolveSetting(row.name, row.sources, flag == line.given.end() ? nullptr : &flag->second,
                                       inputs.env, inputs.dotenv, inputs.project, inputs.project_file);
    if (*row.sources.env != '\0' || row.sources.project) inv->settings[row.name] = r;
    if (row.set == nullptr || (r.source == "default" && r.value.empty())) continue;
    Status st = row.set(r.value, inv);
    if (!st.ok()) return Status::Invalid(Origin(row, r) + " " + st.message());
  }
  return Status::OK();
}

std::map<std::string, std::string> TableEnvironment() {
  std::map<std::string, std::string> env;
  for (const SettingRow& row : SettingRows()) {
    for (const char* name : {row.sources.env, row.sources.goose_env}) {
      if (*name == '\0') continue;
      if (const char* value = std::getenv(name)) env[name] = value;
    }
  }
  return env;
}

}  // namespace gander
