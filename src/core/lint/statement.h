// What one SQL statement does, as far as the lint rules need to know: its
// kind, the objects it names and, for ALTER TABLE, each action. Read from
// tokens (core/lint/tokens.h), so comments and literals never count. Names
// are lower-cased and unqualified (`public.Users` -> `users`). Pure.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/lint/tokens.h"

namespace gander::lint {

// A column type as written: `varchar(255)` -> {VARCHAR, {"255"}}. Names are
// normalized (`character varying` -> VARCHAR, `int4` -> INT, `timestamp with
// time zone` -> TIMESTAMPTZ); ENUM and SET keep their values as args.
struct SqlType {
  std::string name;
  std::vector<std::string> args;
  bool array = false;
  std::string written;  // as written, for messages
  bool empty() const { return name.empty(); }
};

// A column definition (CREATE TABLE, ADD COLUMN, MySQL MODIFY / CHANGE).
struct ColumnDef {
  std::string name;
  SqlType type;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  bool references = false;       // REFERENCES other(col)
  std::string references_table;
  bool check = false;            // a column CHECK constraint
  bool has_default = false;
  bool default_null = false;     // DEFAULT NULL
  bool default_expression = false;  // parenthesized or CURRENT_TIME/DATE/TIMESTAMP (SQLite refuses both in ADD COLUMN)
  std::string volatile_call;     // a volatile function in the default (random(), gen_random_uuid(), ...)
  bool generated_stored = false;  // GENERATED ALWAYS AS (...) STORED
  bool identity = false;         // GENERATED ... AS IDENTITY, SERIAL types
  bool auto_increment = false;
  std::string collate;           // COLLATE x / CHARACTER SET x (MySQL), lower-cased
};

// A table constraint or index (CREATE TABLE element, ALTER TABLE ADD ...).
struct Constraint {
  enum class Kind { kPrimaryKey, kUnique, kForeignKey, kCheck, kExclude, kIndex, kFulltext, kSpatial, kOther };
  Kind kind = Kind::kOther;
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  bool not_valid = false;        // PostgreSQL NOT VALID
  bool using_index = false;      // PostgreSQL ... USING INDEX idx
  std::string not_null_column;   // CHECK (col IS NOT NULL): col
};

// One action of an ALTER TABLE statement.
struct AlterAction {
  enum class Kind {
    kAddColumn, kDropColumn, kAlterType, kSetNotNull, kDropNotNull, kSetDefault, kDropDefault,
    kAddConstraint, kValidateConstraint, kDropConstraint, kRenameColumn, kRenameTo,
    kModifyColumn,   // MySQL MODIFY / CHANGE: `def` is the new definition, `column` the old name
    kDropIndex, kDropPrimaryKey, kDropForeignKey,
    kOption,         // ALGORITHM=, LOCK=, ENGINE=, table CHARACTER SET ...: `option`, `value`
    kRebuild,        // rewrites the table: CONVERT TO CHARACTER SET, FORCE, ORDER BY, PARTITION BY,
                     // REMOVE/REORGANIZE/COALESCE PARTITION, SET TABLESPACE, SET LOGGED/UNLOGGED: `option`
    kOther,
  };
  Kind kind = Kind::kOther;
  std::string column;
  std::string new_name;
  ColumnDef def;
  SqlType type;          // kAlterType: the new type
  bool has_using = false;  // kAlterType ... USING expr
  Constraint constraint;   // kAddConstraint (indexes too: MySQL ADD INDEX / UNIQUE / FULLTEXT)
  std::string name;      // kDropConstraint / kValidateConstraint / kDropIndex / kDropForeignKey
  std::string option;
  std::string value;
  bool if_exists = false;
  int line = 0;          // absolute line of the action
};

// The kinds of statement the rules tell apart.
enum class StmtKind {
  kCreateTable, kAlterTable, kDropTable, kRenameTable, kTruncate,
  kCreateIndex, kDropIndex, kReindex,
  kCreateView, kDropView, kCreateSchema, kDropSchema, kCreateDatabase, kDropDatabase,
  kCreateType, kAlterType, kCreateRoutine,   // routines and triggers
  kVacuum, kCluster, kAlterSystem, kTablespace, kLockTable,
  kBegin, kCommit, kRollback, kSet, kPragma,
  kDml,      // INSERT / UPDATE / DELETE / MERGE / REPLACE / COPY / LOAD
  kSelect, kDo,
  kOtherDdl, // another CREATE / ALTER / DROP / RENAME / GRANT / REVOKE / COMMENT ...
  kOther,
};

// One classified SQL statement.
struct Statement {
  StmtKind kind = StmtKind::kOther;
  int line = 0;               // absolute line of its first token in the file
  std::string keyword;        // first keyword, upper-cased
  std::string name;           // the table / index / view / schema / type it names
  std::vector<std::string> names;  // DROP TABLE a, b / TRUNCATE a, b / DROP INDEX a, b / DROP VIEW a, b
  std::string table;          // CREATE INDEX ... ON table; MySQL DROP INDEX ... ON table; CREATE TRIGGER ... ON table
  bool if_exists = false;
  bool if_not_exists = false;
  bool concurrently = false;
  bool unique = false;        // CREATE UNIQUE INDEX
  bool temporary = false;
  bool or_replace = false;
  std::string index_kind;     // FULLTEXT / SPATIAL (MySQL CREATE ... INDEX)
  std::vector<std::string> columns;   // CREATE INDEX key columns (plain names; expressions left out)
  std::vector<ColumnDef> column_defs; // CREATE TABLE
  std::vector<Constraint> constraints;  // CREATE TABLE
  bool as_select = false;     // CREATE TABLE ... AS SELECT / LIKE: columns unknown
  std::vector<AlterAction> actions;     // ALTER TABLE
  std::vector<std::pair<std::string, std::string>> renames;  // RENAME TABLE a TO b, ...
  std::vector<std::pair<std::string, std::string>> options;  // ALGORITHM=COPY, LOCK=SHARED (upper-cased)
  std::string target;                 // DML: the table written
  std::vector<std::string> sources;   // tables read after FROM / JOIN / USING (DML, CREATE TABLE AS, views)
  std::set<std::string> idents;       // every name the statement mentions, lower-cased
  // The same without the names only written as an alias (`... AS name`):
  // what a view really reads (an output column named like a table's column
  // does not use that column).
  std::set<std::string> references;
  std::string setting;        // SET x / PRAGMA x / set_config('x', ...): x, lower-cased
  std::string setting_value;  // its value as written (upper-cased words)
  bool full = false;          // VACUUM FULL
  std::vector<std::string> enum_values;  // CREATE TYPE ... AS ENUM (...)
  bool enum_add_value = false;    // ALTER TYPE ... ADD VALUE
  bool enum_positioned = false;   // ... BEFORE / AFTER an existing value
  std::string enum_value;         // the value added
  std::string enum_before, enum_after;  // ... BEFORE x / AFTER x
  bool enum_rename_value = false; // ALTER TYPE ... RENAME VALUE
  bool implicit_commit = false;   // MySQL/MariaDB commit before and after it (DDL)
  bool shares_string = false;     // sent in one string with other SQL statements
};

// Classifies the statement tokens[range]; `first_line` is the absolute line
// of the migration statement the tokens come from.
Statement Classify(const std::vector<Token>& tokens, TokenRange range, int first_line);

// Tokenizes one migration statement (as sent) and classifies each SQL
// statement it holds.
std::vector<Statement> ClassifyText(const std::string& sql, int first_line, SqlFlavor flavor);

}  // namespace gander::lint
