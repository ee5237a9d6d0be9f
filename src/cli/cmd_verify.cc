// verify: proves on a scratch database that every down part is the inverse of
// its up part. For each pending migration: schema S0, up (S1), down (must give
// S0 again), up again (must give S1 again); with --data, down+up must also
// give back the rows of every table the down part did not drop.
#include "app/migration_files.h"
#include "cli/change.h"
#include "cli/commands.h"
#include "core/checksum.h"
#include "db/datasum_reader.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

struct Verification {
  std::vector<std::string> problems;
  bool ok() const { return problems.empty(); }
};

std::string Changes(const SchemaDescription& before, const SchemaDescription& after) {
  std::string text;
  for (const SchemaChange& c : DiffSchemas(before, after)) text += (text.empty() ? "" : "; ") + DescribeChange(c);
  return text;
}

class Verifier {
 public:
  Verifier(const Invocation& inv, ChangeContext& ctx) : inv_(inv), ctx_(ctx) {}

  // Applies one migration without checks (migrations older than --from).
  Status Apply(const MigrationSource& source, const ParsedMigration& m) {
    return Run(source, Direction::kUp, m);
  }

  // up, down, up with schema (and data) comparisons between them.
  Verification Check(const MigrationSource& source, const ParsedMigration& m) {
    Verification v;
    auto fail = [&](const std::string& what, const Status& st) {
      if (!st.ok()) v.problems.push_back(what + ": " + st.ToString());
      return !st.ok();
    };
    if (!m.down) {
      v.problems.push_back("has no down part, so it cannot be rolled back");
      return v;
    }
    SchemaDescription s0, s1, s0_again, s1_again;
    std::vector<TableSum> d1, d1_again;
    if (fail("reading the schema", Schema(&s0))) return v;
    if (fail("up failed", Run(source, Direction::kUp, m)) || fail("reading the schema", Schema(&s1))) return v;
    if (inv_.verify_data && fail("reading data", ReadDataSums(Conn(), s1, {}, &d1))) return v;
    if (fail("down failed", Run(source, Direction::kDown, m)) || fail("reading the schema", Schema(&s0_again))) {
      return v;
    }
    std::string changes = Changes(s0, s0_again);
    if (!changes.empty()) v.problems.push_back("down part does not restore the schema from before up: " + changes);
    if (fail("up after down failed", Run(source, Direction::kUp, m)) || fail("reading the schema", Schema(&s1_again))) {
      return v;
    }
    changes = Changes(s1, s1_again);
    if (!changes.empty()) v.problems.push_back("up after down gives another schema than the first up: " + changes);
    if (inv_.verify_data) CheckData(s0_again, d1, &v);
    return v;
  }

 private:
  Connection& Conn() { return ctx_.session->conn(); }
  Status Schema(SchemaDescription* s) { return ReadSchema(Conn(), inv_.table, s); }

  Status Run(const MigrationSource& source, Direction direction, const ParsedMigration& m) {
    const MigrationPart& part = direction == Direction::kUp ? m.up : *m.down;
    std::string file = direction == Direction::kDown && !source.down_file.empty() ? source.down_file : source.file;
    Migrator migrator(*inv_.env, &Conn(), &ctx_.session->store());
    StepResult result;
    return migrator.Run(source.version, file, direction, part, 0, &result);
  }

  // Every table that survived the down part must hold the same rows after
  // down+up as after the first up.
  void CheckData(const SchemaDescription& after_down, const std::vector<TableSum>& before, Verification* v) {
    SchemaDescription now;
    std::vector<TableSum> again;
    Status st = Schema(&now);
    std::vector<std::string> kept;
    for (const TableSum& sum : before) {
      for (const SchemaObject& o : after_down.objects) {
        if (o.kind == "table" && o.name == sum.table) kept.push_back(sum.table);
      }
    }
    if (st.ok()) st = ReadDataSums(Conn(), now, kept, &again);
    if (!st.ok()) {
      v->problems.push_back("reading data: " + st.ToString());
      return;
    }
    for (const TableSum& sum : again) {
      for (const TableSum& old : before) {
        if (old.table == sum.table && old != sum) {
          v->problems.push_back("down+up does not keep the data of table " + sum.table + ": " +
                                std::to_string(old.rows) + " rows (crc64 " + old.Hex() + ") after up, " +
                                std::to_string(sum.rows) + " rows (crc64 " + sum.Hex() + ") after down+up");
        }
      }
    }
  }

  const Invocation& inv_;
  ChangeContext& ctx_;
};

}  // namespace

int CmdVerify(const Invocation& inv, const Output& out) {
  if (!inv.args.empty()) return out.Error("verify", Status::Invalid("unexpected argument \"" + inv.args[0] + "\""));
  if (inv.no_versioning) return out.Error("verify", Status::Invalid("needs the tracking table; not with -no-versioning"));
  ChangeContext ctx;
  Status st = BeginChange(inv, true, &ctx);
  if (st.ok()) st = RefuseReadOnlyServer(ctx.session->conn());
  SchemaDescription start;
  if (st.ok()) st = ReadSchema(ctx.session->conn(), inv.table, &start);
  if (!st.ok()) return out.Error("verify", st);
  size_t tables = 0;
  for (const SchemaObject& o : start.objects) tables += o.kind == "table";
  if (tables > 0 && !inv.allow_nonempty) {
    return out.Error("verify", Status::Refused(
        "the database holds " + std::to_string(tables) + " table(s); verify runs every migration up, down and up "
        "again, so give it a scratch database (or --allow-nonempty to verify the pending migrations on top)"));
  }
  Plan plan;
  st = PlanUp(ctx.sources, ctx.versions, UpRequest{}, &plan);
  VersionStore& store = ctx.session->store();
  if (st.ok()) st = store.EnsureVersionTable();
  if (!st.ok()) return out.Error("verify", st);

  Verifier verifier(inv, ctx);
  nlohmann::json results = nlohmann::json::array();
  nlohmann::json first_failure;
  int verified = 0, applied = 0;
  for (const PlanStep& step : plan.steps) {
    const MigrationSource& source = ctx.sources[step.source];
    ParsedMigration m;
    st = LoadMigration(*inv.env, inv.dir, source, &m);
    if (!st.ok()) return out.Error("verify", st);
    if (source.version <= inv.verify_base) {
      st = verifier.Apply(source, m);
      if (!st.ok()) return out.Error("verify", st.Prepend("applying a migration before the ones to verify"));
      ++applied;
      continue;
    }
    Verification v = verifier.Check(source, m);
    nlohmann::json problems = v.problems;
    results.push_back({{"version", source.version}, {"file", source.file}, {"ok", v.ok()}, {"problems", problems}});
    if (v.ok()) {
      ++verified;
      out.Line("OK     " + source.file + " (up, down, up" + (inv.verify_data ? ", data kept" : "") + ")");
      continue;
    }
    for (const std::string& p : v.problems) out.Line("FAIL   " + source.file + ": " + p);
    first_failure = {{"version", source.version}, {"file", source.file}};
    break;
  }
  std::string summary = std::to_string(verified) + " migration(s) verified" +
                        (applied ? ", " + std::to_string(applied) + " applied before them without checks" : "");
  if (first_failure.is_null()) {
    out.Line("gander: verify: " + summary);
  } else {
    out.Line("gander: verify: " + summary + "; migration " + std::to_string(first_failure["version"].get<int64_t>()) +
             " breaks (exit 1)");
  }
  out.Json({{"command", "verify"}, {"data", inv.verify_data}, {"migrations", results},
            {"verified", verified}, {"applied_without_checks", applied}, {"first_failure", first_failure}});
  return first_failure.is_null() ? 0 : 1;
}

}  // namespace gander
