// Readers for the parts that several statements share: column types, column
// definitions, table constraints and column lists. Used by the classifier
// (statement.cc, alter_table.cc); each reads from the cursor's position and
// stops at the end of its range, never past it.
#pragma once

#include <string>
#include <vector>

#include "core/lint/cursor.h"
#include "core/lint/statement.h"

namespace gander::lint {

// A type at the cursor: `varchar(255)`, `double precision`, `timestamp(3)
// with time zone`, `int unsigned`, `text[]`, `ENUM('a','b')`. Empty when the
// cursor is not at a name.
SqlType ReadType(Cursor& c);

// A column definition: name, optional type, then its constraints, to the
// end of the cursor's range.
ColumnDef ReadColumnDef(Cursor& c);

// True when the cursor is at a table constraint or index rather than a
// column: CONSTRAINT, PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, EXCLUDE, and
// MySQL's KEY / INDEX / FULLTEXT / SPATIAL.
bool AtTableConstraint(const Cursor& c);

// A table constraint or index at the cursor (see AtTableConstraint), to the
// end of the cursor's range.
Constraint ReadTableConstraint(Cursor& c);

// At `(`: the plain column names of a key list `(a, b(10) DESC, lower(c))`
// (expressions are left out); moves past the `)`.
std::vector<std::string> ReadColumnList(Cursor& c);

// `a, b.c, "D"`: a comma-separated list of (possibly qualified) names.
std::vector<std::string> ReadNameList(Cursor& c);

// Names that follow FROM, JOIN or USING anywhere in tokens[range] (the
// tables a query reads), lower-cased and unqualified.
std::vector<std::string> ReadSources(const std::vector<Token>& tokens, TokenRange range);

}  // namespace gander::lint
