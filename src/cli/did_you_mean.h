// The one-line usage errors for a missing or mistyped command word, with a
// suggestion, instead of the whole of --help.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace gander {

// The command (or "plan") closest to `word` by edit distance, when it is
// close enough to be a typo (at most 2 edits, and fewer than the word's
// length); "" otherwise.
std::string ClosestCommand(const std::string& word);

// Status::Invalid for command-line words that hold no command where one is
// expected (first, or third after DRIVER DBSTRING): no words at all, an
// unknown word (`did you mean status?`), a command after one word only
// (DRIVER or DBSTRING missing), or DRIVER DBSTRING and nothing after.
Status CommandWordError(const std::vector<std::string>& words);

}  // namespace gander
