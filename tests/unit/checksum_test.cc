#include "core/checksum.h"

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

TEST_CASE("MigrationChecksum ignores a BOM and CRLF line ends, nothing else") {
  const std::string lf = "-- +goose Up\nSELECT 1;\n";
  const std::string expected = "b8b6e57be9b7245d97c4cd5cb483e27984439516eca0777bf189ef204c44bf51";
  CHECK(MigrationChecksum(lf) == Sha256Hex(lf));
  CHECK(MigrationChecksum(lf) == expected);
  CHECK(MigrationChecksum("-- +goose Up\r\nSELECT 1;\r\n") == expected);
  CHECK(MigrationChecksum("\xEF\xBB\xBF-- +goose Up\r\nSELECT 1;\n") == expected);
  // A lone CR is content (it is not a line end for the parser either).
  CHECK(MigrationChecksum("-- +goose Up\rSELECT 1;\n") != expected);
  // Any other edit is drift.
  CHECK(MigrationChecksum("-- +goose Up\nSELECT 2;\n") != expected);
  CHECK(MigrationChecksum("-- +goose Up\nSELECT 1; \n") != expected);
  // Only a leading BOM is removed.
  CHECK(MigrationChecksum("x\xEF\xBB\xBF") == Sha256Hex("x\xEF\xBB\xBF"));
}
