#include "core/lint/schema_model.h"

#include <algorithm>

namespace gander::lint {
namespace {

ColumnInfo FromDef(const ColumnDef& def, int64_t version) {
  ColumnInfo c;
  c.created_by = version;
  c.type = def.type;
  c.collate = def.collate;
  c.not_null = def.not_null;
  c.primary_key = def.primary_key;
  c.unique = def.unique;
  c.references = def.references;
  return c;
}

// Marks the columns a PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK constraint covers.
void ApplyConstraint(TableInfo* t, const Constraint& k) {
  using K = Constraint::Kind;
  for (const std::string& name : k.columns) {
    auto col = t->columns.find(name);
    if (col == t->columns.end()) continue;
    if (k.kind == K::kPrimaryKey) col->second.primary_key = col->second.not_null = true;
    if (k.kind == K::kUnique) col->second.unique = true;
    if (k.kind == K::kForeignKey) col->second.references = true;
  }
  if (k.kind == K::kCheck && !k.not_null_column.empty()) {
    if (k.not_valid) {
      t->unvalidated_checks[k.name] = k.not_null_column;
    } else {
      t->not_null_checked.insert(k.not_null_column);
    }
  }
}

}  // namespace

const TableInfo* SchemaModel::FindTable(const std::string& table) const {
  auto it = tables_.find(table);
  return it == tables_.end() ? nullptr : &it->second;
}

const ColumnInfo* SchemaModel::FindColumn(const std::string& table, const std::string& column) const {
  const TableInfo* t = FindTable(table);
  if (t == nullptr) return nullptr;
  auto it = t->columns.find(column);
  return it == t->columns.end() ? nullptr : &it->second;
}

const IndexInfo* SchemaModel::FindIndex(const std::string& index) const {
  auto it = indexes_.find(index);
  return it == indexes_.end() ? nullptr : &it->second;
}

int64_t SchemaModel::SchemaCreator(const std::string& schema) const {
  auto it = schemas_.find(schema);
  return it == schemas_.end() ? kBeforeMigrations : it->second;
}

bool SchemaModel::ColumnIndexed(const std::string& table, const std::string& column) const {
  const ColumnInfo* c = FindColumn(table, column);
  if (c && (c->primary_key || c->unique)) return true;
  for (const auto& [name, index] : indexes_) {
    if (index.table == table && std::find(index.columns.begin(), index.columns.end(), column) != index.columns.end()) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> SchemaModel::ViewsNaming(const std::string& table, const std::string& column) const {
  std::vector<std::string> views;
  for (const auto& [name, view] : views_) {
    bool reads = std::find(view.sources.begin(), view.sources.end(), table) != view.sources.end();
    if (reads && view.idents.count(column)) views.push_back(name);
  }
  return views;
}

const std::vector<std::string>* SchemaModel::EnumValues(const std::string& type) const {
  auto it = enums_.find(type);
  return it == enums_.end() ? nullptr : &it->second;
}

TableInfo& SchemaModel::Touch(const std::string& table) { return tables_[table]; }

void SchemaModel::RenameTable(const std::string& from, const std::string& to) {
  auto it = tables_.find(from);
  if (it == tables_.end() || from == to) return;
  tables_[to] = it->second;
  tables_.erase(from);
  for (auto& [name, index] : indexes_) {
    if (index.table == from) index.table = to;
  }
}

void SchemaModel::Apply(const Statement& s, int64_t version) {
  switch (s.kind) {
    case StmtKind::kCreateTable: {
      if (s.name.empty() || (s.if_not_exists && tables_.count(s.name))) return;
      TableInfo t;
      t.created_by = version;
      t.columns_known = !s.as_select;
      for (const ColumnDef& def : s.column_defs) t.columns[def.name] = FromDef(def, version);
      for (const Constraint& k : s.constraints) ApplyConstraint(&t, k);
      tables_[s.name] = std::move(t);
      return;
    }
    case StmtKind::kDropTable:
      for (const std::string& name : s.names) {
        tables_.erase(name);
        for (auto it = indexes_.begin(); it != indexes_.end();) {
          it = it->second.table == name ? indexes_.erase(it) : std::next(it);
        }
      }
      return;
    case StmtKind::kRenameTable:
      for (const auto& [from, to] : s.renames) RenameTable(from, to);
      return;
    case StmtKind::kAlterTable:
      ApplyAlter(s, version);
      return;
    case StmtKind::kCreateIndex: {
      if (s.table.empty()) return;
      std::string name = s.name;
      if (name.empty()) {  // PostgreSQL names an unnamed index <table>_<columns>_idx
        name = s.table;
        for (const std::string& c : s.columns) name += "_" + c;
        name += "_idx";
      }
      if (s.if_not_exists && indexes_.count(name)) return;
      indexes_[name] = {s.table, version, s.columns, s.unique};
      return;
    }
    case StmtKind::kDropIndex:
      for (const std::string& name : s.names) indexes_.erase(name);
      return;
    case StmtKind::kCreateView:
      if (!s.name.empty()) views_[s.name] = {version, s.references, s.sources};
      return;
    case StmtKind::kDropView:
      for (const std::string& name : s.names) views_.erase(name);
      return;
    case StmtKind::kCreateSchema:
    case StmtKind::kCreateDatabase:
      if (!s.name.empty() && !(s.if_not_exists && schemas_.count(s.name))) schemas_[s.name] = version;
      return;
    case StmtKind::kCreateType:
      if (!s.enum_values.empty()) enums_[s.name] = s.enum_values;
      return;
    case StmtKind::kAlterType: {
      auto it = enums_.find(s.name);
      if (it == enums_.end() || !s.enum_add_value || s.enum_value.empty()) return;
      std::vector<std::string>& values = it->second;
      if (std::find(values.begin(), values.end(), s.enum_value) != values.end()) return;  // IF NOT EXISTS
      auto at = values.end();
      const std::string& anchor = !s.enum_before.empty() ? s.enum_before : s.enum_after;
      if (!anchor.empty()) {
        at = std::find(values.begin(), values.end(), anchor);
        if (at != values.end() && s.enum_before.empty()) ++at;
      }
      values.insert(at, s.enum_value);
      return;
    }
    case StmtKind::kDropSchema:
    case StmtKind::kDropDatabase:
      for (const std::string& name : s.names) schemas_.erase(name);
      return;
    default:
      return;
  }
}

void SchemaModel::ApplyAlter(const Statement& s, int64_t version) {
  using K = AlterAction::Kind;
  if (s.name.empty()) return;
  std::string table = s.name;
  for (const AlterAction& a : s.actions) {
    TableInfo& t = Touch(table);
    auto col = t.columns.find(a.column);
    switch (a.kind) {
      case K::kAddColumn:
        if (!a.column.empty() && !(a.if_exists && col != t.columns.end())) t.columns[a.column] = FromDef(a.def, version);
        break;
      case K::kDropColumn:
        t.columns.erase(a.column);
        t.not_null_checked.erase(a.column);
        break;
      case K::kAlterType:
        if (col != t.columns.end()) col->second.type = a.type;
        break;
      case K::kSetNotNull:
      case K::kDropNotNull:
        if (col != t.columns.end()) col->second.not_null = a.kind == K::kSetNotNull;
        break;
      case K::kAddConstraint:
        ApplyConstraint(&t, a.constraint);
        if (!a.constraint.name.empty() && !a.constraint.columns.empty()) {
          using C = Constraint::Kind;
          C k = a.constraint.kind;
          if (k == C::kIndex || k == C::kUnique || k == C::kFulltext || k == C::kSpatial || k == C::kPrimaryKey) {
            indexes_[a.constraint.name] = {table, version, a.constraint.columns, k == C::kUnique || k == C::kPrimaryKey};
          }
        }
        break;
      case K::kValidateConstraint: {
        auto check = t.unvalidated_checks.find(a.name);
        if (check != t.unvalidated_checks.end()) {
          t.not_null_checked.insert(check->second);
          t.unvalidated_checks.erase(check);
        }
        break;
      }
      case K::kDropConstraint:
      case K::kDropIndex:
        t.unvalidated_checks.erase(a.name);
        indexes_.erase(a.name);
        break;
      case K::kRenameColumn:
      case K::kModifyColumn: {
        ColumnInfo info = col != t.columns.end() ? col->second : ColumnInfo{};
        if (a.kind == K::kModifyColumn) {
          ColumnInfo def = FromDef(a.def, info.created_by);
          info = def;
        }
        if (col != t.columns.end()) t.columns.erase(col);
        if (!a.new_name.empty()) t.columns[a.new_name] = info;
        break;
      }
      case K::kRenameTo:
        RenameTable(table, a.new_name);
        table = a.new_name;
        break;
      default:
        break;
    }
  }
}

}  // namespace gander::lint
