// datasum and compare: data checksums of one database, and a comparison of
// two databases' schemas and data (staging vs production, before vs after a
// rollback drill, a primary vs its replica).
#include "app/session.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "db/connection.h"
#include "db/datasum_reader.h"
#include "db/dsn.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

Status ReadDatabase(const std::string& driver, const std::string& dsn, const std::string& table,
                    const std::vector<std::string>& only, SchemaDescription* schema, std::vector<TableSum>* sums) {
  std::unique_ptr<Session> session;
  GANDER_RETURN_IF_ERROR(Session::OpenReadOnly(driver, dsn, table, &session));
  GANDER_RETURN_IF_ERROR(ReadSchema(session->conn(), table, schema));
  return ReadDataSums(session->conn(), *schema, only, sums);
}

nlohmann::json SumJson(const TableSum& s) { return {{"table", s.table}, {"rows", s.rows}, {"crc64", s.Hex()}}; }

// What datasum and compare read.
struct SumsRequest {
  std::vector<std::string> args;        // datasum [TABLE...], compare [DRIVER_B] DBSTRING_B
  std::string driver, dbstring, table;  // the (first) database

  static SumsRequest From(const Invocation& inv) { return SumsRequest{inv.args, inv.driver, inv.dbstring, inv.table}; }
};

int RunDatasum(const SumsRequest& req, const Output& out) {
  SchemaDescription schema;
  std::vector<TableSum> sums;
  Status st = ReadDatabase(req.driver, req.dbstring, req.table, req.args, &schema, &sums);
  if (!st.ok()) return out.Error("datasum", st);
  std::vector<std::vector<std::string>> rows = {{"TABLE", "ROWS", "CRC64"}};
  nlohmann::json list = nlohmann::json::array();
  for (const TableSum& s : sums) {
    rows.push_back({s.table, std::to_string(s.rows), s.Hex()});
    list.push_back(SumJson(s));
  }
  std::string text = FormatTable(rows);
  text.pop_back();
  out.Line(text);
  out.Json({{"command", "datasum"}, {"tables", list}});
  return 0;
}

// compare [DRIVER_B] DBSTRING_B: the first database is the usual DRIVER DBSTRING.
int RunCompare(const SumsRequest& req, const Output& out) {
  if (req.args.empty() || req.args.size() > 2) {
    return out.Error("compare", Status::Invalid("usage: gander DRIVER DBSTRING compare [DRIVER_B] DBSTRING_B"));
  }
  std::string driver_b = req.driver, dsn_b = req.args.back();
  if (req.args.size() == 2) {
    std::optional<std::string> canonical = CanonicalDriver(req.args[0]);
    if (!canonical) return out.Error("compare", Status::Invalid("unknown driver \"" + req.args[0] + "\""));
    driver_b = *canonical;
  }
  SchemaDescription schema_a, schema_b;
  std::vector<TableSum> sums_a, sums_b;
  Status st = ReadDatabase(req.driver, req.dbstring, req.table, {}, &schema_a, &sums_a);
  if (st.ok()) st = ReadDatabase(driver_b, dsn_b, req.table, {}, &schema_b, &sums_b).Prepend("second database");
  if (!st.ok()) return out.Error("compare", st);

  nlohmann::json schema_changes = nlohmann::json::array(), data = nlohmann::json::array();
  out.Line("A: " + req.driver + " " + RedactDsn(req.dbstring));
  out.Line("B: " + driver_b + " " + RedactDsn(dsn_b));
  for (const SchemaChange& c : DiffSchemas(schema_a, schema_b)) {
    out.Line("SCHEMA   " + DescribeChange(c) + " in B");
    schema_changes.push_back(DescribeChange(c));
  }
  for (const TableSum& a : sums_a) {
    for (const TableSum& b : sums_b) {
      if (a.table != b.table || a == b) continue;
      out.Line("DATA     table " + a.table + ": A has " + std::to_string(a.rows) + " rows (crc64 " + a.Hex() +
               "), B has " + std::to_string(b.rows) + " rows (crc64 " + b.Hex() + ")");
      data.push_back({{"table", a.table}, {"a", SumJson(a)}, {"b", SumJson(b)}});
    }
  }
  bool same = schema_changes.empty() && data.empty();
  out.Line(same ? "gander: compare: same schema (fingerprint " + SchemaFingerprint(schema_a).substr(0, 12) +
                      ") and same data in " + std::to_string(sums_a.size()) + " table(s)"
                : "gander: compare: the databases differ (exit 3)");
  out.Json({{"command", "compare"}, {"same", same}, {"fingerprint_a", SchemaFingerprint(schema_a)},
            {"fingerprint_b", SchemaFingerprint(schema_b)}, {"schema_changes", schema_changes},
            {"data_differences", data}});
  return same ? 0 : static_cast<int>(StatusCode::kRefused);
}

}  // namespace

int CmdDatasum(const Invocation& inv, const Output& out) { return RunDatasum(SumsRequest::From(inv), out); }
int CmdCompare(const Invocation& inv, const Output& out) { return RunCompare(SumsRequest::From(inv), out); }

}  // namespace gander
