// Content checksums for migration files (drift detection and audit records).
#pragma once

#include <string>
#include <string_view>
#include <optional>

#include "core/migration.h"

namespace gander {

// Lower-case hex SHA-256 of `data` (64 characters).
std::string Sha256Hex(std::string_view data);

// The checksum recorded for one part (up or down) of an applied migration:
// Sha256Hex of its statements exactly as they are sent, and its transaction
// mode. Line ends, a BOM and comments outside statements are not part of it,
// so re-saving a file with CRLF is not drift; any change to the SQL is.
// nullopt part (no down part) -> empty string.
std::string PartChecksum(const std::optional<MigrationPart>& part);

}  // namespace gander
