#include "core/checksum.h"
#include "core/parser.h"

#include <doctest/doctest.h>

#include <string>

using namespace gander;

TEST_CASE("Sha256Hex matches the FIPS 180-2 test vectors") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string("a\0b", 3)) != Sha256Hex("a"));  // binary-safe
}

namespace {

std::string UpChecksum(const std::string& text) {
  ParsedMigration m;
  REQUIRE(ParseGooseMigration(text, "x.sql", nullptr, &m).ok());
  return PartChecksum(m.up);
}

}  // namespace

TEST_CASE("PartChecksum ignores line ends, a BOM and comments between statements, nothing else") {
  const std::string base = UpChecksum("-- +goose Up\nSELECT 1;\nSELECT 2;\n");
  CHECK(base.size() == 64);
  CHECK(UpChecksum("-- +goose Up\r\nSELECT 1;\r\nSELECT 2;\r\n") == base);
  CHECK(UpChecksum("\xEF\xBB\xBF-- +goose Up\nSELECT 1;\n\n-- a note\nSELECT 2;\n") == base);
  // Any change to the SQL that is sent is drift.
  CHECK(UpChecksum("-- +goose Up\nSELECT 1;\nSELECT 3;\n") != base);
  CHECK(UpChecksum("-- +goose Up\nSELECT 1; SELECT 2;\n") != base);
  CHECK(UpChecksum("-- +goose NO TRANSACTION\n-- +goose Up\nSELECT 1;\nSELECT 2;\n") != base);
  CHECK(PartChecksum(std::nullopt).empty());
}
