// `.env` files: the settings a project keeps beside its migrations.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace gander {

// Parses KEY=VALUE lines: `export KEY=VALUE`, blank lines and `#` comments,
// 'single-quoted' (literal) and "double-quoted" (\n \" \\ escapes) values,
// unquoted values trimmed and cut at ` #`. A malformed line is an error
// naming its number, never its value (it may be a secret).
Status ParseDotenv(std::string_view text, std::map<std::string, std::string>* out);

}  // namespace gander
