#include "core/schema.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>

#include "core/checksum.h"

namespace gander {
namespace {

// The canonical order of kinds: containers and types before the tables that
// use them, then what hangs off a table, then code and what code is hung on.
const char* const kKindOrder[] = {"schema",    "extension", "type",          "sequence", "table",
                                  "column",    "index",     "constraint",    "policy",   "rule",
                                  "view",      "collation", "statistics",    "function", "aggregate",
                                  "procedure", "trigger",   "event_trigger", "event"};

int KindOrder(const std::string& kind) {
  const int count = static_cast<int>(sizeof kKindOrder / sizeof kKindOrder[0]);
  for (int i = 0; i < count; ++i) {
    if (kind == kKindOrder[i]) return i;
  }
  return count;
}

bool Before(const SchemaObject& a, const SchemaObject& b) {
  return std::make_tuple(KindOrder(a.kind), a.kind, a.name, a.definition) <
         std::make_tuple(KindOrder(b.kind), b.kind, b.name, b.definition);
}

}  // namespace

std::string NormalizeSpace(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

void Canonicalize(SchemaDescription* schema) {
  for (SchemaObject& o : schema->objects) o.definition = NormalizeSpace(o.definition);
  std::sort(schema->objects.begin(), schema->objects.end(), Before);
}

std::string BodyHash(const std::string& body) { return Sha256Hex(NormalizeSpace(body)).substr(0, 16); }

std::string SchemaText(const SchemaDescription& schema) {
  std::string text;
  for (const SchemaObject& o : schema.objects) {
    text += o.kind + " " + o.name + (o.definition.empty() ? "" : ": " + o.definition) + "\n";
  }
  return text;
}

std::string SchemaFingerprint(const SchemaDescription& schema) { return Sha256Hex(SchemaText(schema)); }

nlohmann::json SchemaObjectToJson(const SchemaObject& o) {
  return {{"kind", o.kind}, {"name", o.name}, {"definition", o.definition}};
}

nlohmann::json SchemaToJson(const SchemaDescription& schema) {
  nlohmann::json objects = nlohmann::json::array();
  for (const SchemaObject& o : schema.objects) objects.push_back(SchemaObjectToJson(o));
  nlohmann::json result = {{"engine", schema.engine}, {"fingerprint", SchemaFingerprint(schema)}};
  result["objects"] = std::move(objects);
  return result;
}

bool SchemaFromJson(const nlohmann::json& value, SchemaDescription* schema) {
  *schema = SchemaDescription();
  if (!value.is_object() || !value.contains("objects") || !value["objects"].is_array()) return false;
  // Read from stored snapshots, which may have been edited: never throws.
  if (value.contains("engine") && value["engine"].is_string()) schema->engine = value["engine"].get<std::string>();
  for (const nlohmann::json& o : value["objects"]) {
    if (!o.is_object() || !o.contains("kind") || !o.contains("name") || !o["kind"].is_string() ||
        !o["name"].is_string()) {
      return false;
    }
    bool has_definition = o.contains("definition") && o["definition"].is_string();
    schema->objects.push_back({o["kind"].get<std::string>(), o["name"].get<std::string>(),
                               has_definition ? o["definition"].get<std::string>() : ""});
  }
  return true;
}

std::vector<SchemaChange> DiffSchemas(const SchemaDescription& before, const SchemaDescription& after) {
  // Keyed by (kind, name); ordered by kind first, as in canonical order.
  using Key = std::tuple<int, std::string, std::string>;
  std::map<Key, std::string> a, b;
  for (const SchemaObject& o : before.objects) a[{KindOrder(o.kind), o.kind, o.name}] = o.definition;
  for (const SchemaObject& o : after.objects) b[{KindOrder(o.kind), o.kind, o.name}] = o.definition;
  std::vector<SchemaChange> changes;
  for (const auto& [key, definition] : a) {
    auto it = b.find(key);
    if (it == b.end()) {
      changes.push_back({SchemaChange::Type::kMissing, std::get<1>(key), std::get<2>(key), definition, ""});
    } else if (it->second != definition) {
      changes.push_back({SchemaChange::Type::kChanged, std::get<1>(key), std::get<2>(key), definition, it->second});
    }
  }
  for (const auto& [key, definition] : b) {
    if (!a.count(key)) {
      changes.push_back({SchemaChange::Type::kAdded, std::get<1>(key), std::get<2>(key), "", definition});
    }
  }
  std::stable_sort(changes.begin(), changes.end(), [](const SchemaChange& x, const SchemaChange& y) {
    return std::make_tuple(KindOrder(x.kind), x.name) < std::make_tuple(KindOrder(y.kind), y.name);
  });
  return changes;
}

std::string DescribeChange(const SchemaChange& c) {
  std::string what = c.kind + " " + c.name;
  switch (c.type) {
    case SchemaChange::Type::kAdded:
      return what + " added" + (c.after.empty() ? "" : " (" + c.after + ")");
    case SchemaChange::Type::kMissing:
      return what + " missing" + (c.before.empty() ? "" : " (was: " + c.before + ")");
    case SchemaChange::Type::kChanged:
      return what + " changed from \"" + c.before + "\" to \"" + c.after + "\"";
  }
  return what;
}

}  // namespace gander
