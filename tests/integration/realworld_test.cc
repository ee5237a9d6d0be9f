// The proof that real projects' migration folders run unedited (#19): every
// folder of ../shared/realworld (read in place, never copied; see its
// SOURCES.md), on its engine, against the reference figures of
// ground_truth.jsonl, which the engine's own client produced:
//
//   validate; up, as far as the engine's client gets (failing at the same
//   file with the engine's error where it fails); the schema equal to the
//   client's own run of the same files (reference_run.h); down-to the oldest
//   migration that has a down part, as far as the down parts allow (the same
//   file fails); up again, to the same schema; verify on a fresh database.
//
// A folder golang-migrate would reject (two migrations with one version) is
// refused the same way, untouched; the rest of it is then proven on a view
// of the same files (symlinks) where each version V becomes 10*V (+1 for the
// second of a duplicate), which keeps the reference's order (version, then
// file name): what a user would do to run it, and what the reference did.
//
// Skipped with a notice when the folder is absent; GANDER_REALWORLD_DIR
// points elsewhere. docs/switching-from-goose.md reports the figures.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "integration/harness.h"
#include "integration/reference_run.h"

using namespace gander::test;
namespace fs = std::filesystem;

namespace {

// The reference lines of ground_truth.jsonl for the unedited folders (river's
// second line is a run on edited files).
std::vector<nlohmann::json> GroundTruth() {
  std::vector<nlohmann::json> out;
  std::ifstream in(RealworldDir() + "/ground_truth.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    if (!j.contains("variant")) out.push_back(j);
  }
  return out;
}

std::string Driver(const std::string& engine) { return engine == "sqlite" ? "sqlite3" : engine; }

// The engine's own words in a client's error: "psql:f.sql:33: ERROR:  invalid
// name syntax" -> "invalid name syntax"; "ERROR 1064 (42000) at line 6: You
// have ..." and "Parse error near line 66: no such function: jsonb" likewise.
std::string EngineMessage(const std::string& client_error) {
  std::string first = client_error.substr(0, client_error.find('\n'));
  if (size_t e = first.find("ERROR:"); e != std::string::npos) {
    first = first.substr(e + 6);
  } else if (size_t l = first.find(" line "); l != std::string::npos) {
    first = first.substr(first.find(": ", l) + 2);
  }
  size_t begin = first.find_first_not_of(' ');
  return begin == std::string::npos ? "" : first.substr(begin);
}

// Versions applied, from `status --json`; whether a migration is dirty.
struct State {
  std::set<int64_t> applied;
  bool dirty = false;
  std::string fingerprint;
};

State ReadState(const ScratchDb& db, const std::string& dir) {
  State s;
  RunResult r = RunGander(Args(Target(db, dir), {"status", "--json"}));
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& m : j["migrations"]) {
    if (m["applied"].get<bool>()) s.applied.insert(m["version"].get<int64_t>());
  }
  s.dirty = !j["dirty"].is_null();
  r = RunGander({db.driver(), db.dsn(), "schema", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  s.fingerprint = nlohmann::json::parse(r.out)["fingerprint"].get<std::string>();
  return s;
}

// `gander compare` of the two databases' schemas: "" when equal, else the changes.
std::string SchemaDifference(const ScratchDb& a, const ScratchDb& b) {
  RunResult r = RunGander({a.driver(), a.dsn(), "compare", b.dsn(), "--json"});
  if (r.exit_code != 0 && r.exit_code != 3) return "compare failed: " + r.err;
  nlohmann::json changes = nlohmann::json::parse(r.out)["schema_changes"];
  std::string text = changes.dump();
  return changes.empty() ? "" : text.size() > 800 ? text.substr(0, 800) + "... (" + std::to_string(changes.size()) + " changes)" : text;
}

// Migrations sharing a version (golang-migrate's file source refuses them).
bool HasDuplicateVersions(const std::vector<ReferenceMigration>& migrations) {
  for (size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version == migrations[i - 1].version) return true;
  }
  return false;
}

// Symlinks to every file of `migrations` in `view`, version V renamed 10*V+k
// (k: 0, or 1 for the second migration of a duplicated version); *renamed
// maps each file name to its name in the view.
void MakeRenumberedView(const std::vector<ReferenceMigration>& migrations, const TempDir& view,
                        std::map<std::string, std::string>* renamed) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    const ReferenceMigration& m = migrations[i];
    int64_t version = m.version * 10 + (i > 0 && migrations[i - 1].version == m.version ? 1 : 0);
    for (const std::string& file : {m.up_file, m.down_file}) {
      if (file.empty() || (m.goose && &file == &m.down_file)) continue;
      std::string name = fs::path(file).filename().string();
      std::string new_name = std::to_string(version) + name.substr(name.find('_'));
      fs::create_symlink(file, view.Join(new_name));
      (*renamed)[name] = new_name;
    }
  }
}

// The goose files whose Down section does not parse (a project's own bug,
// such as statements without their `;`), by file name, from the problems
// `validate` lists ("FILE:LINE: ... the Down section ..."). goose's up never
// reads that section, and neither does gander's; every other problem fails.
std::set<std::string> BrokenDownSections(const RunResult& validate) {
  std::set<std::string> out;
  if (validate.exit_code == 0) return out;
  std::istringstream lines(validate.err);
  for (std::string line; std::getline(lines, line);) {
    // One problem is "gander: validate: FILE:LINE: ..."; several are one a
    // line, then the count.
    const std::string single = "gander: validate: ";
    if (line.rfind(single, 0) == 0) line = line.substr(single.size());
    size_t sql = line.find(".sql:");
    if (sql == std::string::npos && line.find(" problems in the migration files") != std::string::npos) continue;
    bool down = sql != std::string::npos && Contains(line, " Down section");
    CHECK_MESSAGE(down, "a problem other than a goose Down section: ", line);
    if (down) out.insert(fs::path(line.substr(0, sql + 4)).filename().string());
  }
  CHECK_MESSAGE(!out.empty(), validate.err);
  return out;
}

// Whether each version has a down part, from `validate --json` (of a view
// without the files in `broken`, whose down parts count as missing).
std::map<int64_t, bool> DownParts(const std::string& dir, const std::set<std::string>& broken) {
  TempDir view;
  std::string read = dir;
  if (!broken.empty()) {
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string name = e.path().filename().string();
      if (!broken.count(name)) fs::create_symlink(fs::absolute(e.path()), view.Join(name));
    }
    read = view.path();
  }
  RunResult r = RunGander({"-dir", read, "validate", "--json"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::map<int64_t, bool> out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  for (const auto& m : j["migrations"]) {
    out[m["version"].get<int64_t>()] = !m["down"].is_null();
  }
  for (const std::string& name : broken) out[std::stoll(name.substr(0, name.find('_')))] = false;
  return out;
}

std::string Names(const std::set<int64_t>& versions) {
  return std::to_string(versions.size()) + " versions" +
         (versions.empty() ? "" : ", newest " + std::to_string(*versions.rbegin()));
}

// What one folder gave, for the figures in docs/switching-from-goose.md.
struct Figures {
  std::string folder;
  int files = 0, migrations = 0, applied = 0, reference_applied = 0, rolled_back = 0, reference_rolled_back = 0;
  int broken_down = 0;  // goose Down sections that do not parse (validate lists them; up warns)
  double seconds = 0;
};

// One line of figures per folder on stderr (the figures of
// docs/switching-from-goose.md come from these lines).
void Report(const Figures& f) {
  std::fprintf(stderr, "realworld %s: %d files, %d migrations; up applied %d (reference %d); rolled back %d (reference %d); %.1f s%s\n",
               f.folder.c_str(), f.files, f.migrations, f.applied, f.reference_applied, f.rolled_back,
               f.reference_rolled_back, f.seconds,
               f.broken_down ? ("; " + std::to_string(f.broken_down) + " broken Down section(s)").c_str() : "");
}

// Proves the folder `dir` against `truth` (a line of ground_truth.jsonl).
Figures ProveFolder(const nlohmann::json& truth, std::string dir) {
  // The reference is the engine's own client, which has no lint: gander's
  // lint pre-flight (docs/lint.md) would refuse some of these real plans
  // (GL301 on an up that drops a table holding rows) before they run.
  setenv("GANDER_NO_LINT", "1", 1);
  Figures fig;
  fig.folder = truth["folder"].get<std::string>();
  auto started = std::chrono::steady_clock::now();
  const std::string driver = Driver(truth["engine"].get<std::string>());
  CAPTURE(fig.folder);
  std::vector<ReferenceMigration> migrations = ReferenceMigrations(dir);
  for (const auto& e : fs::directory_iterator(dir)) fig.files += e.path().extension() == ".sql";
  fig.migrations = static_cast<int>(migrations.size());
  CHECK(fig.migrations == truth["migrations"].get<int>());

  // validate. A folder with a duplicated version is refused, as golang-migrate
  // refuses it, naming both files, and up leaves the database untouched.
  RunResult r = RunGander({"-dir", dir, "validate"});
  TempDir view;
  std::map<std::string, std::string> renamed;  // file names in the view
  auto in_dir = [&](const std::string& name) { return renamed.count(name) ? renamed[name] : name; };
  if (HasDuplicateVersions(migrations)) {
    CHECK(r.exit_code == 2);
    for (size_t i = 1; i < migrations.size(); ++i) {
      if (migrations[i].version != migrations[i - 1].version) continue;
      CHECK_MESSAGE(Contains(r.err, fs::path(migrations[i - 1].up_file).filename().string() + " and " +
                                        fs::path(migrations[i].up_file).filename().string()),
                    r.err);
    }
    ScratchDb untouched(driver);
    RunResult up = RunGander(Args(Target(untouched, dir), {"up"}));
    CHECK(up.exit_code == 2);
    CHECK(untouched.TrackingRows() == "(no table)");
    MakeRenumberedView(migrations, view, &renamed);
    dir = view.path();
    migrations = ReferenceMigrations(dir);
    r = RunGander({"-dir", dir, "validate"});
  }
  // validate lists every problem; the only ones a folder that goose (or
  // golang-migrate) runs may have are Down sections that do not parse.
  const std::set<std::string> broken_down = BrokenDownSections(r);
  fig.broken_down = static_cast<int>(broken_down.size());

  // up, as far as the engine's own client gets.
  ScratchDb db(driver);
  RunResult up = RunGander(Args(Target(db, dir), {"up"}));
  const nlohmann::json& up_error = truth["up_first_error"];
  State after_up = ReadState(db, dir);
  fig.applied = static_cast<int>(after_up.applied.size());
  fig.reference_applied = truth["up_applied"].get<int>() + truth["up_noop_downonly"].get<int>();
  CHECK_MESSAGE(fig.applied == fig.reference_applied, up.err);
  // up warns of each broken Down section, naming the file, and goes on.
  if (!broken_down.empty()) CHECK_MESSAGE(Contains(up.err, "warning: "), up.err);
  for (const std::string& name : broken_down) CHECK_MESSAGE(Contains(up.err, name + ":"), up.err);
  std::string failed_up;
  if (up_error.is_null()) {
    CHECK_MESSAGE(up.exit_code == 0, up.err);
  } else {
    failed_up = in_dir(up_error["failed"].get<std::string>());
    CHECK(up.exit_code == 1);
    CHECK_MESSAGE(Contains(up.err, failed_up), up.err);
    CHECK_MESSAGE(Contains(up.err, EngineMessage(up_error["error"].get<std::string>())), up.err);
  }

  // The schema equals the engine's own client's run of the same files. Where
  // gander rolled the failing migration back (in a transaction, as
  // golang-migrate's one query is), the reference leaves out that file's
  // partial effects; where both could not (MySQL DDL), it keeps them.
  ScratchDb ref(driver);
  std::string cut = failed_up.empty() || after_up.dirty ? "" : failed_up;
  ReferenceOutcome ref_up = ReferenceUp(driver, ref.dsn(), migrations, cut);
  CHECK(ref_up.applied == fig.reference_applied);
  if (cut.empty()) CHECK(ref_up.failed == failed_up);
  CHECK_MESSAGE(SchemaDifference(db, ref).empty(), SchemaDifference(db, ref));

  // down-to the newest applied migration that has no down part (0 if none):
  // as far as the down parts allow. The same file fails, with the same
  // versions left applied.
  std::map<int64_t, bool> has_down = DownParts(dir, broken_down);
  int64_t floor = 0;
  for (int64_t v : after_up.applied) {
    if (!has_down[v]) floor = std::max(floor, v);
  }
  if (after_up.dirty) {
    // Left dirty, as the engine's client leaves it (MySQL DDL commits at
    // once): the failed migration stays unrecorded, as a user who accepts
    // its partial effects records it, and the rest is rolled back. Forcing
    // a version other than the dirty one needs --allow-unsafe-force.
    RunResult forced = RunGander(
        Args(Target(db, dir), {"force", std::to_string(*after_up.applied.rbegin()), "--yes", "--allow-unsafe-force"}));
    CHECK_MESSAGE(forced.exit_code == 0, forced.err);
    after_up = ReadState(db, dir);
    CHECK_FALSE(after_up.dirty);
  }
  if (!broken_down.empty()) {
    // A rollback through a broken Down section is refused before anything
    // runs, naming each one (goose would stop there, after the rest ran).
    RunResult refused = RunGander(Args(Target(db, dir), {"down-to", "0", "--yes"}));
    CHECK(refused.exit_code == 2);
    for (const std::string& name : broken_down) CHECK_MESSAGE(Contains(refused.err, name + ":"), refused.err);
    CHECK(ReadState(db, dir).applied == after_up.applied);
  }
  {
    RunResult down = RunGander(Args(Target(db, dir), {"down-to", std::to_string(floor), "--yes"}));
    State after_down = ReadState(db, dir);
    fig.rolled_back = static_cast<int>(after_up.applied.size() - after_down.applied.size());
    const nlohmann::json& down_error = truth["down_first_error"];
    std::set<int64_t> expected;
    std::string failed_down;
    // The client fails at a broken Down section; gander's down-to stops
    // above it (the floor): the same migrations are rolled back.
    std::string refused_down;
    if (!down_error.is_null() && broken_down.count(in_dir(down_error["failed"].get<std::string>()))) {
      refused_down = in_dir(down_error["failed"].get<std::string>());
    }
    if (down_error.is_null() || !refused_down.empty()) {
      CHECK_MESSAGE(down.exit_code == 0, down.err);
      for (int64_t v : after_up.applied) {
        if (v <= floor) expected.insert(v);
      }
    } else {
      failed_down = in_dir(down_error["failed"].get<std::string>());
      CHECK(down.exit_code == 1);
      CHECK_MESSAGE(Contains(down.err, failed_down), down.err);
      CHECK_MESSAGE(Contains(down.err, EngineMessage(down_error["error"].get<std::string>())), down.err);
      int64_t failed_version = std::stoll(failed_down.substr(0, failed_down.find('_')));
      for (int64_t v : after_up.applied) {
        if (v <= failed_version) expected.insert(v);
      }
    }
    CHECK_MESSAGE(after_down.applied == expected, Names(after_down.applied), " vs ", Names(expected));
    ReferenceOutcome ref_down =
        ReferenceDown(driver, ref.dsn(), migrations, ref_up.applied,
                      !refused_down.empty() ? refused_down : failed_down.empty() || after_down.dirty ? "" : failed_down);
    fig.reference_rolled_back = truth["down_applied"].get<int>();
    if (failed_down.empty() || after_down.dirty) CHECK_MESSAGE(ref_down.failed == failed_down, ref_down.error);
    CHECK_MESSAGE(SchemaDifference(db, ref).empty(), SchemaDifference(db, ref));

    // up again: the same outcome, the same schema. A down part that failed
    // outside a transaction (its own BEGIN) leaves the database dirty, as
    // the protocol says; up then refuses until `force`, which the user decides.
    if (after_down.dirty) {
      RunResult refused = RunGander(Args(Target(db, dir), {"up"}));
      CHECK(refused.exit_code == 3);
      CHECK_MESSAGE(Contains(refused.err, failed_down), refused.err);
      MESSAGE(fig.folder << ": dirty after the failed down part " << failed_down << "; up again not tried");
      fig.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      return fig;
    }
    RunResult again = RunGander(Args(Target(db, dir), {"up"}));
    if (failed_down.empty() && refused_down.empty()) {
      CHECK_MESSAGE(again.exit_code == up.exit_code, again.err);
      if (!failed_up.empty()) CHECK_MESSAGE(Contains(again.err, failed_up), again.err);
      State after_again = ReadState(db, dir);
      CHECK(after_again.applied == after_up.applied);
      CHECK(after_again.fingerprint == after_up.fingerprint);
    } else {
      // The down parts stopped half-way (a project's own bug), or above a
      // broken one: the ups after that point meet a schema their project
      // never tested (gophish's empty Down sections leave columns behind). The reference
      // runs the same ups on its database; gander must end where it ends.
      std::vector<ReferenceMigration> rest;
      for (const ReferenceMigration& m : migrations) {
        if (!after_down.applied.count(m.version)) rest.push_back(m);
      }
      ReferenceOutcome ref_again = ReferenceUp(driver, ref.dsn(), rest);
      CHECK_MESSAGE((again.exit_code == 0) == ref_again.failed.empty(), again.err, " vs ", ref_again.error);
      if (!ref_again.failed.empty()) CHECK_MESSAGE(Contains(again.err, ref_again.failed), again.err);
      State after_again = ReadState(db, dir);
      CHECK(static_cast<int>(after_again.applied.size() - after_down.applied.size()) == ref_again.applied);
      if (ref_again.failed.empty()) CHECK_MESSAGE(SchemaDifference(db, ref).empty(), SchemaDifference(db, ref));
    }
  }

  // verify on a fresh database.
  ScratchDb scratch(driver);
  RunResult verify = RunGander(Args(Target(scratch, dir), {"verify", "--json"}));
  nlohmann::json v = nlohmann::json::parse(verify.out.empty() ? "{}" : verify.out, nullptr, false);
  MESSAGE(fig.folder << ": verify exit " << verify.exit_code << ", verified "
                     << (v.is_object() && v.contains("verified") ? v["verified"].dump() : "?") << ", first failure "
                     << (v.is_object() && v.contains("first_failure") ? v["first_failure"].dump() : verify.err));
  fig.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return fig;
}

// The short profile (CI) proves the folders of up to this many migrations;
// GANDER_REALWORLD=all proves every folder.
constexpr int kShortProfileMigrations = 100;

void ProveEngine(const std::string& engine) {
  if (!fs::is_directory(RealworldDir())) {
    // Asked for by name, it must be there; ../shared is only a neighbour.
    if (std::getenv("GANDER_REALWORLD_DIR")) FAIL("GANDER_REALWORLD_DIR=" << RealworldDir() << " is not a folder");
    MESSAGE("skipped: " << RealworldDir() << " is not present (set GANDER_REALWORLD_DIR)");
    return;
  }
  if (!HasEngine(Driver(engine))) return;
  const char* profile = std::getenv("GANDER_REALWORLD");
  bool all = profile && std::string(profile) == "all";
  for (const nlohmann::json& truth : GroundTruth()) {
    if (truth["engine"] != engine) continue;
    const char* only = std::getenv("GANDER_REALWORLD_ONLY");  // one folder, for a quick look
    if (only && truth["folder"] != only) continue;
    if (!all && truth["migrations"].get<int>() > kShortProfileMigrations) {
      MESSAGE(truth["folder"].get<std::string>() << ": left out of the short profile (GANDER_REALWORLD=all runs it)");
      continue;
    }
    Report(ProveFolder(truth, RealworldDir() + "/" + truth["folder"].get<std::string>()));
  }
}

// The reference figures of a folder that ground_truth.jsonl does not have,
// made by the reference run itself (reference_run.h) on fresh databases.
nlohmann::json ReferenceTruth(const std::string& engine, const std::string& dir, const std::string& name) {
  std::vector<ReferenceMigration> migrations = ReferenceMigrations(dir);
  int noop = 0;
  for (const ReferenceMigration& m : migrations) noop += m.up_file.empty();
  ScratchDb db(Driver(engine));
  ReferenceOutcome up = ReferenceUp(Driver(engine), db.dsn(), migrations);
  ReferenceOutcome down = ReferenceDown(Driver(engine), db.dsn(), migrations, up.applied);
  auto error = [](const ReferenceOutcome& o) {
    return o.failed.empty() ? nlohmann::json() : nlohmann::json{{"failed", o.failed}, {"error", o.error}};
  };
  return {{"folder", name}, {"engine", engine}, {"migrations", migrations.size()},
          {"up_applied", up.applied - noop}, {"up_noop_downonly", noop}, {"up_first_error", error(up)},
          {"down_applied", down.applied}, {"down_first_error", error(down)}};
}

}  // namespace

// Further folders, on demand: GANDER_REALWORLD_EXTRA=DIR holding
// PROJECT/ENGINE/ folders (engine: postgres, mysql or sqlite), proven the same
// way against the reference run's own figures (for projects tried once and
// reported in docs/switching-from-goose.md; not copied into the project).
TEST_CASE("further real-world folders (GANDER_REALWORLD_EXTRA) run as the engine's own client runs them") {
  const char* extra = std::getenv("GANDER_REALWORLD_EXTRA");
  if (!extra) return;
  for (const auto& project : fs::directory_iterator(extra)) {
    for (const auto& folder : fs::directory_iterator(project.path())) {
      std::string engine = folder.path().filename().string();
      if (!folder.is_directory() || !HasEngine(Driver(engine))) continue;
      std::string name = project.path().filename().string() + "/" + engine;
      nlohmann::json truth = ReferenceTruth(engine, folder.path().string(), name);
      MESSAGE(name << ": reference " << truth.dump());
      Report(ProveFolder(truth, folder.path().string()));
    }
  }
}

TEST_CASE("real-world folders run unedited as the engine's own client runs them: PostgreSQL") { ProveEngine("postgres"); }
TEST_CASE("real-world folders run unedited as the engine's own client runs them: MySQL/MariaDB") { ProveEngine("mysql"); }
TEST_CASE("real-world folders run unedited as the engine's own client runs them: SQLite") { ProveEngine("sqlite"); }
