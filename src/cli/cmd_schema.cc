// schema: the canonical schema description behind the audit fingerprint,
// `verify` and `compare`, read from the engine's catalog.
#include "app/session.h"
#include "cli/commands.h"
#include "db/schema_reader.h"

namespace gander {

int CmdSchema(const Invocation& inv, const Output& out) {
  if (!inv.args.empty()) return out.Error("schema", Status::Invalid("unexpected argument \"" + inv.args[0] + "\""));
  std::unique_ptr<Session> session;
  Status st = Session::OpenReadOnly(inv.driver, inv.dbstring, inv.table, &session);
  SchemaDescription schema;
  if (st.ok()) st = ReadSchema(session->conn(), inv.table, &schema);
  if (!st.ok()) return out.Error("schema", st);
  if (out.json()) {
    nlohmann::json result = SchemaToJson(schema);
    result["command"] = "schema";
    out.Json(result);
    return 0;
  }
  std::string text = SchemaText(schema);
  if (!text.empty()) text.pop_back();
  if (!text.empty()) out.Line(text);
  out.Line("-- " + std::to_string(schema.objects.size()) + " objects, fingerprint " + SchemaFingerprint(schema));
  return 0;
}

}  // namespace gander
