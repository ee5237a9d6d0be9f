// Reads tables' rows for data checksums (core/datasum.h).
#pragma once

#include <string>
#include <vector>

#include "core/datasum.h"
#include "core/schema.h"
#include "db/connection.h"

namespace gander {

// Sums every table of `schema` (or only those named in `tables`; an unknown
// name is an error), reading its columns in name order so that two tables
// whose columns were added in another order sum alike. Views are not summed.
// kWithoutInsertTimeDefaults leaves out the columns whose default takes the
// clock or a random source (DefaultTakenAtInsert): what `verify --data`
// compares across a down+up.
enum class SummedColumns { kAll, kWithoutInsertTimeDefaults };
Status ReadDataSums(Connection& conn, const SchemaDescription& schema, const std::vector<std::string>& tables,
                    std::vector<TableSum>* out, SummedColumns summed = SummedColumns::kAll);

}  // namespace gander
