// validate: parses every migration file without touching a database; with
// DRIVER and DBSTRING also compares the applied ones with what was recorded
// when they were applied (drift). One file is held at a time: a folder of
// 100,000 files is read in bounded memory, and the JSON list of every
// migration and its statements is built only for --json.
#include "app/drift.h"
#include "app/migration_files.h"
#include "cli/commands.h"

namespace gander {
namespace {

// What validate reads.
struct ValidateRequest {
  Env* env = nullptr;
  std::string dir, table;
  std::string driver, dbstring;  // both empty without a database

  static ValidateRequest From(const Invocation& inv) {
    return ValidateRequest{inv.env, inv.dir, inv.table, inv.driver, inv.dbstring};
  }
};

nlohmann::json PartJson(const std::optional<MigrationPart>& part) {
  if (!part) return nullptr;
  nlohmann::json statements = nlohmann::json::array();
  for (const SqlStatement& s : part->statements) statements.push_back(s.text);
  return {{"transaction", part->use_tx}, {"statements", statements}};
}

// validate against a database: applied migrations whose files changed since
// they were applied (drift) or are gone (app/drift.h). Exit 3 on any finding.
int CompareWithDatabase(const ValidateRequest& inv, const Output& out, const std::vector<MigrationSource>& sources,
                        const std::vector<PartChecksums>& sums, nlohmann::json& list) {
  std::vector<DriftFinding> findings;
  Status st = FindDrift(ReadOnlyConnections(inv.driver, inv.dbstring), inv.table, sources, sums, &findings);
  if (!st.ok()) return out.Error("validate", st);

  nlohmann::json drift = nlohmann::json::array(), missing = nlohmann::json::array(), unrecorded = nlohmann::json::array();
  for (const DriftFinding& f : findings) {
    if (f.kind == DriftFinding::Kind::kMissingFile) {
      missing.push_back(f.version);
      out.Line("MISSING   version " + std::to_string(f.version) + " is applied but has no file");
    } else if (f.kind == DriftFinding::Kind::kUnrecorded) {
      unrecorded.push_back(f.version);
    } else {
      drift.push_back({{"version", f.version}, {"file", f.file}, {"part", f.part}});
      out.Line("DRIFT     " + f.file + ": the " + f.part + " part changed since it was applied");
    }
  }
  bool clean = drift.empty() && missing.empty();
  out.Line("gander: " + std::to_string(sources.size()) + " migrations parse; " +
           (clean ? "the database matches them" : "the database does not match them (exit 3)") +
           (unrecorded.empty() ? "" : "; " + std::to_string(unrecorded.size()) + " applied without a recorded checksum"));
  out.Json({{"command", "validate"}, {"migrations", list},
            {"database", {{"drift", drift}, {"missing_files", missing}, {"unrecorded", unrecorded}}}});
  return clean ? 0 : static_cast<int>(StatusCode::kRefused);
}

int RunValidate(const ValidateRequest& inv, const Output& out) {
  std::vector<MigrationSource> sources;
  Status st = ListMigrations(*inv.env, inv.dir, &sources);
  bool with_database = !inv.driver.empty();
  nlohmann::json list = nlohmann::json::array();  // filled for --json only
  std::vector<PartChecksums> sums;                // for the drift check only
  if (with_database) sums.resize(sources.size());
  std::vector<Status> problems;  // every bad file, each of its problems (#19)
  for (size_t i = 0; st.ok() && i < sources.size(); ++i) {
    ParsedMigration m;
    Status loaded = LoadMigration(*inv.env, inv.dir, sources[i], &m);
    if (!loaded.ok()) {
      if (loaded.problems().empty()) problems.push_back(loaded);
      problems.insert(problems.end(), loaded.problems().begin(), loaded.problems().end());
      continue;
    }
    if (out.json()) {
      list.push_back({{"version", sources[i].version}, {"file", sources[i].file},
                      {"up", PartJson(m.up)}, {"down", PartJson(m.down)}});
    }
    if (with_database) sums[i] = ChecksumsOf(m);
    out.Verbose("ok " + sources[i].file + ": " + std::to_string(m.up.statements.size()) + " up, " +
                (m.down ? std::to_string(m.down->statements.size()) : std::string("no")) + " down statements");
  }
  if (st.ok()) st = Status::Combine(std::move(problems), "in the migration files");
  if (!st.ok()) return out.Error("validate", st);
  if (!with_database) {
    out.Line("gander: " + std::to_string(sources.size()) + " migrations are valid");
    out.Json({{"command", "validate"}, {"migrations", list}});
    return 0;
  }
  return CompareWithDatabase(inv, out, sources, sums, list);
}

}  // namespace

// The entry point of command_table.cc: the request is built once, here.
int CmdValidate(const Invocation& inv, const Output& out) { return RunValidate(ValidateRequest::From(inv), out); }

}  // namespace gander
