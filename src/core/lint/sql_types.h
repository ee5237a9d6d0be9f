// What changing a column from one type to another costs, per engine: does
// it lose values, rewrite the table, or stay a catalog change? Pure.
#pragma once

#include <optional>
#include <string>

#include "core/lint/statement.h"

namespace gander::lint {

enum class Engine { kPostgres, kMySql, kSqlite };

// "postgres", "mysql", "sqlite" (as docs and messages name them).
const char* EngineName(Engine e);

// The engine of a driver or engine name: postgres/pgx/postgresql, mysql/mariadb,
// sqlite3/sqlite; nullopt for anything else.
std::optional<Engine> EngineFromName(const std::string& name);

// True when values of `from` may not fit `to`: a shorter string, a smaller
// integer, less numeric precision or scale, double to real, a timestamp to
// a date. Only within one family of types; false when either is unknown.
bool Narrows(const SqlType& from, const SqlType& to, Engine engine);

// PostgreSQL changes a column from `from` to `to` without rewriting the
// table: the same type, varchar(n) -> varchar(m >= n) / varchar / text,
// numeric(p, s) -> numeric(q >= p, s) / numeric, varbit(n) -> varbit(m >= n),
// cidr -> inet.
bool PgKeepsTable(const SqlType& from, const SqlType& to);

// MySQL 8.0 / MariaDB 10.11 change the column in place (INSTANT or INPLACE
// without a table copy): the same type, a longer VARCHAR within the same
// length-byte class (utf8mb4: up to 63 characters, or 64 and more), ENUM or
// SET values appended at the end within the same storage size.
bool MySqlKeepsTable(const SqlType& from, const SqlType& to);

// ENUM / SET (MySQL) values of `to` that are not `from`'s with new values
// appended: one removed, or the order changed.
bool EnumReordered(const SqlType& from, const SqlType& to);

}  // namespace gander::lint
