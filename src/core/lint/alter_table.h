// The ALTER TABLE reader of the classifier (statement.cc).
#pragma once

#include "core/lint/cursor.h"
#include "core/lint/statement.h"

namespace gander::lint {

// Reads `[IF EXISTS] [ONLY] name action[, action]...` (the cursor is right
// after ALTER TABLE) into *s: kind kAlterTable, name, actions (each with its
// absolute line, from `first_line`) and the ALGORITHM / LOCK options.
void ReadAlterTable(Cursor& c, int first_line, Statement* s);

}  // namespace gander::lint
