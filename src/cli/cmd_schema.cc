// schema: the canonical schema description behind the audit fingerprint,
// `verify` and `compare`, read from the engine's catalog.
#include "app/session.h"
#include "cli/commands.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

// What schema reads.
struct SchemaRequest {
  std::vector<std::string> args;  // none expected
  std::string driver, dbstring, table;

  static SchemaRequest From(const Invocation& inv) { return SchemaRequest{inv.args, inv.driver, inv.dbstring, inv.table}; }
};

int RunSchema(const SchemaRequest& req, const Output& out) {
  if (!req.args.empty()) return out.Error("schema", Status::Invalid("unexpected argument \"" + req.args[0] + "\""));
  std::unique_ptr<Session> session;
  Status st = Session::OpenReadOnly(req.driver, req.dbstring, req.table, &session);
  SchemaDescription schema;
  if (st.ok()) st = ReadSchema(session->conn(), req.table, &schema);
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

}  // namespace

int CmdSchema(const Invocation& inv, const Output& out) { return RunSchema(SchemaRequest::From(inv), out); }

}  // namespace gander
