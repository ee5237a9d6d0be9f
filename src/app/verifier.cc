#include "app/verifier.h"

#include "app/adopt.h"
#include "app/migration_files.h"
#include "db/datasum_reader.h"
#include "db/schema_reader.h"

namespace gander {
namespace {

std::string Changes(const SchemaDescription& before, const SchemaDescription& after) {
  std::string text;
  for (const SchemaChange& c : DiffSchemas(before, after)) text += (text.empty() ? "" : "; ") + DescribeChange(c);
  return text;
}

class Verifier {
 public:
  Verifier(ChangeContext& ctx, bool data) : ctx_(ctx), data_(data) {}

  // Applies one migration without checks (migrations older than --from).
  Status Apply(const MigrationSource& source, const ParsedMigration& m) { return Run(source, Direction::kUp, m); }

  // up, down, up with schema (and data) comparisons between them.
  void Check(const MigrationSource& source, const ParsedMigration& m, Verification* v) {
    auto fail = [&](const std::string& what, const Status& st) {
      if (!st.ok()) v->problems.push_back(what + ": " + st.ToString());
      return !st.ok();
    };
    if (!m.down) {
      v->problems.push_back("has no down part, so it cannot be rolled back");
      // Applied without checks, so that the later migrations are verified too.
      v->can_go_on = !fail("up failed", Run(source, Direction::kUp, m));
      return;
    }
    SchemaDescription s0, s1, s0_again, s1_again;
    std::vector<TableSum> d1;
    if (fail("reading the schema", Schema(&s0))) return;
    if (fail("up failed", Run(source, Direction::kUp, m)) || fail("reading the schema", Schema(&s1))) return;
    if (data_ && fail("reading data", ReadDataSums(Conn(), s1, {}, &d1, SummedColumns::kWithoutInsertTimeDefaults))) return;
    StepResult down;
    if (fail("down failed", Run(source, Direction::kDown, m, &down))) {
      // Rolled back as a whole: the up part's schema and row are still there.
      SchemaDescription now;
      v->can_go_on = !down.left_dirty && Schema(&now).ok() && Changes(s1, now).empty();
      return;
    }
    if (fail("reading the schema", Schema(&s0_again))) return;
    std::string changes = Changes(s0, s0_again);
    if (!changes.empty()) v->problems.push_back("down part does not restore the schema from before up: " + changes);
    if (fail("up after down failed", Run(source, Direction::kUp, m)) || fail("reading the schema", Schema(&s1_again))) {
      return;
    }
    changes = Changes(s1, s1_again);
    if (!changes.empty()) v->problems.push_back("up after down gives another schema than the first up: " + changes);
    if (data_) CheckData(s0_again, d1, v);
  }

 private:
  Connection& Conn() { return ctx_.session->conn(); }
  Status Schema(SchemaDescription* s) { return ReadSchema(Conn(), ctx_.options.table, s); }

  Status Run(const MigrationSource& source, Direction direction, const ParsedMigration& m,
             StepResult* result = nullptr) {
    const MigrationPart& part = direction == Direction::kUp ? m.up : *m.down;
    std::string file = direction == Direction::kDown && !source.down_file.empty() ? source.down_file : source.file;
    Migrator migrator(ctx_.env, &Conn(), &ctx_.session->store());
    migrator.set_folder(ctx_.options.dir);
    StepResult ignored;
    return migrator.Run(source.version, file, direction, part, 0, result ? result : &ignored);
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
    if (st.ok()) st = ReadDataSums(Conn(), now, kept, &again, SummedColumns::kWithoutInsertTimeDefaults);
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

  ChangeContext& ctx_;
  bool data_;
};

}  // namespace

Status RunVerify(ChangeContext& ctx, const VerifyOptions& options,
                 const std::function<void(const Verification&)>& checked, VerifySummary* summary) {
  *summary = VerifySummary();
  SchemaDescription start;
  GANDER_RETURN_IF_ERROR(ReadSchema(ctx.session->conn(), ctx.options.table, &start));
  size_t tables = 0;
  for (const SchemaObject& o : start.objects) tables += o.kind == "table";
  if (tables > 0 && !options.allow_nonempty) {
    return Status::Refused(
        "the database holds " + std::to_string(tables) + " table(s); verify runs every migration up, down and up "
        "again, so give it a scratch database (or --allow-nonempty to verify the pending migrations on top)");
  }
  Plan plan;
  GANDER_RETURN_IF_ERROR(PlanUp(ctx.sources, ctx.versions, UpRequest{}, &plan));
  GANDER_RETURN_IF_ERROR(EnsureTrackingTable(ctx));

  Verifier verifier(ctx, options.data);
  RunTarget target = RunTargetOf(ctx.session->conn());
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    const MigrationSource& source = ctx.sources[step.source];
    ParsedMigration m;
    GANDER_RETURN_IF_ERROR(LoadMigration(ctx.env, ctx.options.dir, source, &m));
    DecideTransactions(source.format, target, &m);  // as up and down run it
    if (source.version <= options.base) {
      Status st = verifier.Apply(source, m);
      if (!st.ok()) return st.Prepend("applying a migration before the ones to verify");
      ++summary->applied;
      continue;
    }
    Verification v;
    v.version = source.version;
    v.file = source.file;
    verifier.Check(source, m, &v);
    checked(v);
    if (!v.ok()) {
      summary->failed = true;
      ++summary->broken;
      if (v.can_go_on) continue;
      summary->stopped = true;
      summary->not_checked = static_cast<int>(plan.steps.size() - i - 1);
      break;
    }
    ++summary->verified;
  }
  return Status::OK();
}

}  // namespace gander
