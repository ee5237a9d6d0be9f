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

std::string MigrationChecksum(std::string_view file_text) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (file_text.substr(0, kBom.size()) == kBom) file_text.remove_prefix(kBom.size());
  std::string normalized;
  normalized.reserve(file_text.size());
  for (size_t i = 0; i < file_text.size(); ++i) {
    if (file_text[i] == '\r' && i + 1 < file_text.size() && file_text[i + 1] == '\n') continue;
    normalized.push_back(file_text[i]);
  }
  return Sha256Hex(normalized);
}

}  // namespace gander
