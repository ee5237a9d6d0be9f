// Content checksums for migration files (drift detection and audit records).
#pragma once

#include <string>
#include <string_view>

namespace gander {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// The checksum recorded for a migration file: Sha256Hex of its text with a
// leading UTF-8 byte-order mark removed and every CRLF turned into LF, so
// that re-saving a file with other line ends is not reported as drift. A lone
// CR is kept (it is part of a line, see docs/file-format.md).
std::string MigrationChecksum(std::string_view file_text);

}  // namespace gander
