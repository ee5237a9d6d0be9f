#include "core/checksum.h"

// SHA-256 from libmd (Debian's BSD message-digest library): it loads in a
// fraction of the time libcrypto takes, and gander runs it on every start.
#include <sha2.h>

namespace gander {

std::string Sha256Hex(std::string_view data) {
  char hex[SHA256_DIGEST_STRING_LENGTH];
  SHA256Data(reinterpret_cast<const uint8_t*>(data.data()), data.size(), hex);
  return std::string(hex, SHA256_DIGEST_STRING_LENGTH - 1);
}

std::string PartChecksum(const std::optional<MigrationPart>& part) {
  if (!part) return std::string();
  // Unit and record separators cannot occur in parsed SQL text boundaries
  // ambiguously: "a" + "b;" never hashes like "a;" + "b".
  // What the file declares, not what gander decided from its statements
  // (outside_tx_reason): a checksum is of the file.
  bool declared_tx = part->use_tx || !part->outside_tx_reason.empty();
  std::string canonical = declared_tx ? "tx\x1e" : "no-tx\x1e";
  for (const SqlStatement& s : part->statements) {
    canonical += s.text;
    canonical += '\x1f';
  }
  return Sha256Hex(canonical);
}

}  // namespace gander
