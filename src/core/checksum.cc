#include "core/checksum.h"

#include <openssl/evp.h>

namespace gander {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  // EVP_Digest only fails on allocation failure; an empty result is then
  // returned, which never equals a recorded checksum.
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) return std::string();
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0F]);
  }
  return out;
}

std::string PartChecksum(const std::optional<MigrationPart>& part) {
  if (!part) return std::string();
  // Unit and record separators cannot occur in parsed SQL text boundaries
  // ambiguously: "a" + "b;" never hashes like "a;" + "b".
  std::string canonical = part->use_tx ? "tx\x1e" : "no-tx\x1e";
  for (const SqlStatement& s : part->statements) {
    canonical += s.text;
    canonical += '\x1f';
  }
  return Sha256Hex(canonical);
}

}  // namespace gander
