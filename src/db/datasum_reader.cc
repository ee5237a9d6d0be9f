#include "db/datasum_reader.h"

#include <map>
#include <set>

namespace gander {

Status ReadDataSums(Connection& conn, const SchemaDescription& schema, const std::vector<std::string>& tables,
                    std::vector<TableSum>* out, SummedColumns summed) {
  out->clear();
  std::map<std::string, std::set<std::string>> columns;  // table -> column names, sorted
  for (const SchemaObject& o : schema.objects) {
    if (o.kind == "table") columns[o.name];
    if (o.kind == "column") {
      if (summed == SummedColumns::kWithoutInsertTimeDefaults && DefaultTakenAtInsert(o.definition)) continue;
      size_t dot = o.name.find('.');
      columns[o.name.substr(0, dot)].insert(o.name.substr(dot + 1));
    }
  }
  std::vector<std::string> wanted = tables;
  if (wanted.empty()) {
    for (const auto& [table, unused] : columns) wanted.push_back(table);
  }
  const Dialect& d = conn.dialect();
  for (const std::string& table : wanted) {
    auto it = columns.find(table);
    if (it == columns.end()) return Status::Invalid("no table \"" + table + "\" in the database");
    std::string select;
    for (const std::string& column : it->second) select += (select.empty() ? "" : ", ") + d.QuoteIdentifier(column);
    if (select.empty()) select = "1";
    std::vector<Row> rows;
    GANDER_RETURN_IF_ERROR(conn.Query("SELECT " + select + " FROM " + d.QuoteIdentifier(table), &rows)
                               .Prepend("reading table " + table));
    std::vector<std::string> encoded;
    encoded.reserve(rows.size());
    for (const Row& row : rows) encoded.push_back(EncodeRow(row));
    out->push_back(SumTable(table, std::move(encoded)));
  }
  return Status::OK();
}

}  // namespace gander
