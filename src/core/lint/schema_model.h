// The schema the migrations build, as far as the lint rules need it: which
// migration created each table, column, index, view and schema, and what
// the columns are. Built by applying classified statements in order (the up
// parts of every migration, then a copy for a down part), never read from a
// database. Names are lower-cased and unqualified. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/lint/statement.h"

namespace gander::lint {

// Who created an object: a migration version, or one of these.
constexpr int64_t kBeforeMigrations = -1;  // seen only being altered: it existed before
constexpr int64_t kThisDownPart = -2;      // created by the down part being linted

struct ColumnInfo {
  int64_t created_by = kBeforeMigrations;
  SqlType type;
  std::string collate;
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  bool references = false;
};

struct TableInfo {
  int64_t created_by = kBeforeMigrations;
  bool columns_known = false;  // false for CREATE TABLE ... AS / LIKE and tables seen only altered
  std::map<std::string, ColumnInfo> columns;
  std::set<std::string> not_null_checked;             // columns with a validated CHECK (c IS NOT NULL)
  std::map<std::string, std::string> unvalidated_checks;  // NOT VALID check name -> its column
};

struct IndexInfo {
  std::string table;
  int64_t created_by = kBeforeMigrations;
  std::vector<std::string> columns;
  bool unique = false;
};

struct ViewInfo {
  int64_t created_by = kBeforeMigrations;
  std::set<std::string> idents;        // every name the view's query reads (Statement::references)
  std::vector<std::string> sources;    // the tables it reads
};

class SchemaModel {
 public:
  // nullptr when the migrations never created (nor altered) it.
  const TableInfo* FindTable(const std::string& table) const;
  const ColumnInfo* FindColumn(const std::string& table, const std::string& column) const;
  const IndexInfo* FindIndex(const std::string& index) const;
  // The creator of a schema (or database); kBeforeMigrations when unknown.
  int64_t SchemaCreator(const std::string& schema) const;

  // True when an index of `table` (or its primary key / a unique constraint)
  // includes `column`.
  bool ColumnIndexed(const std::string& table, const std::string& column) const;
  // The views that read `table` and name `column`.
  std::vector<std::string> ViewsNaming(const std::string& table, const std::string& column) const;

  // The values of an enum type (CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD
  // VALUE), nullptr when unknown.
  const std::vector<std::string>* EnumValues(const std::string& type) const;

  // Applies one statement of migration `version` (or kThisDownPart).
  void Apply(const Statement& s, int64_t version);

 private:
  void ApplyAlter(const Statement& s, int64_t version);
  TableInfo& Touch(const std::string& table);  // the table, created as kBeforeMigrations if unknown
  void RenameTable(const std::string& from, const std::string& to);

  std::map<std::string, TableInfo> tables_;
  std::map<std::string, IndexInfo> indexes_;
  std::map<std::string, ViewInfo> views_;
  std::map<std::string, int64_t> schemas_;
  std::map<std::string, std::vector<std::string>> enums_;
};

}  // namespace gander::lint
