// Data checksums: a table's row count and a CRC-64 over its rows, with a
// canonical value encoding, so that the same rows give the same sum on the
// same engine whatever order they were inserted in. Behind `datasum`,
// `verify --data` and `compare`. Pure: rows come in as values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gander {

struct TableSum {
  std::string table;
  uint64_t rows = 0;
  uint64_t crc64 = 0;  // CRC-64 (ECMA-182, as in xz) of the sorted row encodings

  std::string Hex() const;  // 16 lower-case hex digits
  bool operator==(const TableSum& o) const { return table == o.table && rows == o.rows && crc64 == o.crc64; }
  bool operator!=(const TableSum& o) const { return !(*this == o); }
};

// One row, canonically: each value as `<length>:<bytes>` or `~` for NULL, so
// that no two different rows encode alike.
std::string EncodeRow(const std::vector<std::optional<std::string>>& values);

// The sum of a table from its rows' encodings (EncodeRow), in any order: they
// are sorted first, which gives every engine and every insert order one
// sequence.
TableSum SumTable(const std::string& table, std::vector<std::string> encoded_rows);

// Whether a column, by its definition as the schema readers print it ("...
// DEFAULT <expr>"), gets its value at insert time from the clock or a random
// source (CURRENT_TIMESTAMP, now(), datetime('now'), gen_random_uuid(),
// uuid(), random(), ...). A down+up that deletes and re-inserts rows gives
// such a column new values legitimately, as it moves a sequence, so
// `verify --data` leaves it out of the rows it compares. An ON UPDATE clause
// does not count: re-inserting does not fire it.
bool DefaultTakenAtInsert(const std::string& column_definition);

}  // namespace gander
