// Plain-text tables for people: columns aligned with spaces, first row the
// header. (No colors or borders, so the output reads the same when piped.)
#pragma once

#include <string>
#include <vector>

namespace gander {

// One line per row, columns padded to their widest cell, two spaces apart;
// the last column is not padded. Widths count bytes (file names are ASCII
// in practice; a wider cell only shifts its own line).
std::string FormatTable(const std::vector<std::vector<std::string>>& rows);

}  // namespace gander
