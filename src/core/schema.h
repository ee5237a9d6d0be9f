// The canonical description of a database schema: everything a migration
// can create or leave behind (tables, columns, indexes, constraints, views,
// triggers, types, sequences, functions, ...; docs/verify.md lists the kinds
// per engine), as sorted text objects. Behind `gander schema`, the audit fingerprint, `verify` and
// `compare`. Read from each engine's catalog in src/db/schema_reader.cc;
// everything here is pure.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gander {

// One object. `kind` is one word: schema, extension, type, sequence, table,
// column, index, constraint, policy, rule, view, collation, statistics,
// function, aggregate, procedure, trigger, event_trigger or event (not every
// engine has every kind). `name` is qualified by its table where it has one
// ("users.email"); a routine's name carries its argument types
// ("add(integer, integer)"). `definition` is the engine's own description,
// whitespace-normalized.
struct SchemaObject {
  std::string kind;
  std::string name;
  std::string definition;

  bool operator==(const SchemaObject& o) const {
    return kind == o.kind && name == o.name && definition == o.definition;
  }
};

struct SchemaDescription {
  std::string engine;                 // "sqlite3", "postgres", "mysql"
  std::vector<SchemaObject> objects;  // sorted by (kind order, name)
};

// Collapses runs of whitespace to one space and trims the ends, so that the
// same view or trigger typed with other line breaks describes the same.
std::string NormalizeSpace(const std::string& text);

// Sorts the objects (by kind in the order listed above, then by name) and
// normalizes their definitions.
void Canonicalize(SchemaDescription* schema);

// How a routine's or an event's body is described: the first 16 hex digits of
// the SHA-256 of the body with its whitespace normalized, so a body re-typed
// with other indentation is the same and any other change is not.
std::string BodyHash(const std::string& body);

// One line per object, "kind name: definition"; the input of the fingerprint.
std::string SchemaText(const SchemaDescription& schema);

// SHA-256 of SchemaText: equal for two databases with the same schema on the
// same engine, different after any change to a described object.
std::string SchemaFingerprint(const SchemaDescription& schema);

nlohmann::json SchemaToJson(const SchemaDescription& schema);
// One object as SchemaToJson lists it: {"kind", "name", "definition"}.
nlohmann::json SchemaObjectToJson(const SchemaObject& object);
// Reads what SchemaToJson wrote; false if `value` has not that shape.
bool SchemaFromJson(const nlohmann::json& value, SchemaDescription* schema);

// A difference between two schemas, as seen going from `before` to `after`.
struct SchemaChange {
  enum class Type { kAdded, kMissing, kChanged } type;
  std::string kind;
  std::string name;
  std::string before;  // definition in `before` (empty if added)
  std::string after;   // definition in `after` (empty if missing)
};

// Differences from `before` to `after`, in canonical order.
std::vector<SchemaChange> DiffSchemas(const SchemaDescription& before, const SchemaDescription& after);

// "index users.idx_email missing (was: UNIQUE (email))", one change per line.
std::string DescribeChange(const SchemaChange& change);

}  // namespace gander
