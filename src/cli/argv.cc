#include "cli/argv.h"

namespace gander {

std::vector<std::string> NormalizeArgs(const std::vector<std::string>& args,
                                       const std::set<std::string>& long_flags) {
  std::vector<std::string> out;
  out.reserve(args.size());
  bool rest_is_positional = false;
  for (const std::string& arg : args) {
    if (arg == "--") rest_is_positional = true;
    bool single_dash = arg.size() > 2 && arg[0] == '-' && arg[1] != '-';
    if (!rest_is_positional && single_dash) {
      std::string name = arg.substr(1, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 1);
      if (long_flags.count(name) != 0) {
        out.push_back("-" + arg);
        continue;
      }
    }
    out.push_back(arg);
  }
  return out;
}

}  // namespace gander
