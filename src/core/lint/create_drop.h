// The CREATE and DROP readers of the classifier (statement.cc).
#pragma once

#include "core/lint/cursor.h"
#include "core/lint/statement.h"

namespace gander::lint {

// Reads the rest of a CREATE statement (the cursor is right after CREATE):
// tables with their columns and constraints, indexes, views, schemas,
// databases, enum types, routines and triggers; anything else is kOtherDdl.
void ReadCreate(Cursor& c, Statement* s);

// Reads the rest of a DROP statement (right after DROP): tables, indexes,
// views, schemas and databases with their names; anything else is kOtherDdl.
void ReadDrop(Cursor& c, Statement* s);

}  // namespace gander::lint
