// gander fleet COMMAND: one command over every database of a targets file,
// each target a child gander (its own connection, lock, retries and audit
// snapshot), started in the order and at the pace of a Rollout.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <set>

#include "app/child_process.h"
#include "app/fleet_run.h"
#include "app/fleet_targets.h"
#include "app/migration_files.h"
#include "cli/change.h"
#include "cli/command_table.h"
#include "cli/commands.h"
#include "cli/fleet_report.h"
#include "core/audit.h"
#include "db/driver_loader.h"
#include "db/scrubbing_connection.h"

namespace gander {
namespace {

// What a fleet may run on each target; the changing ones use the breaker.
// (verify runs every pending migration up, down and up again: it changes.)
// The command a fleet runs, if it may run on every target (command_table.cc's
// kInFleet). `plan` (COMMAND --dry-run) changes nothing, so it counts as one
// that reads only, like validate.
const CommandInfo* FleetCommand(const std::string& name) {
  const CommandInfo* command = FindCommand(name == "plan" ? "validate" : name);
  return command != nullptr && command->Has(kInFleet) ? command : nullptr;
}

std::atomic<bool> g_stop{false};

void OnInterrupt(int) { g_stop = true; }

// Seconds for a child's flag, exactly (%g would round 1234567 to 1.23457e+06).
std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// A target name as a folder name: snapshot files go to SNAPSHOT_DIR/<name>/ (with --snapshot-dir).
std::string FolderName(const std::string& name) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  return out;
}

std::string DefaultStatePath(const std::string& targets_file) {
  std::string base = targets_file;
  if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0) base.resize(base.size() - 5);
  return base + ".state.json";
}

// The child gander's command line: the fleet's own options, the target's
// table and deadlines. Driver and DSN go in its environment, not in argv,
// so that no password shows in `ps`.
std::vector<std::string> ChildArgs(const Invocation& inv, const FleetTarget& t) {
  // --yes only once the fleet itself was confirmed (ConfirmRollback).
  std::vector<std::string> a = {ExecutablePath(), "--json", "--dir", inv.dir};
  if (inv.yes) a.push_back("--yes");
  a.insert(a.end(), {"--table", t.table.empty() ? inv.table : t.table});
  if (!inv.snapshot_dir.empty()) a.insert(a.end(), {"--snapshot-dir", JoinPath(inv.snapshot_dir, FolderName(t.name))});
  a.insert(a.end(), {"--lock-timeout", Number(t.deadlines.lock_timeout.value_or(inv.lock_timeout_seconds))});
  a.insert(a.end(), {"--statement-timeout",
                     Number(t.deadlines.statement_timeout.value_or(inv.statement_timeout_seconds))});
  a.insert(a.end(), {"--migration-timeout",
                     Number(t.deadlines.migration_timeout.value_or(inv.migration_timeout_seconds))});
  a.insert(a.end(), {"--max-retries", std::to_string(inv.retry.max_retries), "--retry-base-delay",
                     std::to_string(inv.retry.base_delay.count()), "--retry-multiplier",
                     Number(inv.retry.multiplier), "--retry-jitter", Number(inv.retry.jitter)});
  a.insert(a.end(), {"--max-file-mb", Number(inv.max_file_mb)});
  if (!inv.config.empty()) a.insert(a.end(), {"--config", inv.config});
  if (inv.steps_given) a.insert(a.end(), {"--steps", std::to_string(inv.steps)});
  if (inv.expect_version >= 0) a.insert(a.end(), {"--expect-version", std::to_string(inv.expect_version)});
  if (inv.allow_missing) a.push_back("--allow-missing");
  if (inv.allow_drift) a.push_back("--allow-drift");
  if (inv.atomic) a.push_back("--atomic");
  if (inv.no_lint) a.push_back("--no-lint");
  if (inv.allow_no_down) a.push_back("--allow-no-down");
  if (inv.dry_run) a.push_back("--dry-run");
  if (inv.no_versioning) a.push_back("--no-versioning");
  if (inv.verify_data) a.push_back("--data");
  if (inv.allow_nonempty) a.push_back("--allow-nonempty");
  if (inv.verify_base >= 0) a.insert(a.end(), {"--only-new", std::to_string(inv.verify_base)});
  if (!inv.since.empty()) a.insert(a.end(), {"--since", inv.since});
  if (!inv.direction.empty()) a.insert(a.end(), {"--direction", inv.direction});
  if (!inv.in_flight.empty()) a.insert(a.end(), {"--in-flight", inv.in_flight});
  a.insert(a.end(), inv.args.begin(), inv.args.end());
  return a;
}

Status LoadTargets(const Invocation& inv, std::vector<FleetTarget>* targets, SecretScrubber* secrets) {
  if (inv.targets_file.empty()) {
    return Status::Invalid("needs a targets file: gander fleet --targets FILE COMMAND (or GANDER_TARGETS)");
  }
  std::string text;
  GANDER_RETURN_IF_ERROR(inv.env->ReadFile(inv.targets_file, &text));
  TargetsFile file;
  Status st = ParseTargetsFile(text, VariablesOf(*inv.env), &file);
  if (!st.ok()) return st.At(inv.targets_file);
  // Every target's secrets, before anything is printed about any of them.
  for (const TargetSpec& spec : file.targets) secrets->Add(ScrubberFor(spec.driver, spec.dsn));
  st = ExpandTargets(file, DirName(inv.targets_file), targets);
  if (!st.ok()) return secrets->Scrub(st.At(inv.targets_file));
  for (const FleetTarget& t : *targets) secrets->Add(ScrubberFor(t.driver, t.dsn));
  std::vector<std::vector<Selector>> selections;
  for (const std::string& text_selector : inv.select) {
    selections.emplace_back();
    GANDER_RETURN_IF_ERROR(ParseSelectors(text_selector, &selections.back()).Prepend("--select"));
  }
  std::vector<FleetTarget> chosen;
  for (FleetTarget& t : *targets) {
    bool all = true;
    for (const auto& s : selections) all = all && SelectorsMatch(s, t.name, t.labels);
    if (all) chosen.push_back(std::move(t));
  }
  if (chosen.empty()) return Status::Invalid("no target matches --select (of " + std::to_string(targets->size()) + ")");
  *targets = std::move(chosen);
  return Status::OK();
}

// The pace of the run from the flags.
RolloutPolicy PolicyFromFlags(const Invocation& inv) {
  RolloutPolicy p;
  p.parallel = inv.parallel;
  p.canary = inv.canary;
  p.max_failures = inv.max_failures;
  p.max_failure_rate = inv.max_failure_rate;
  return p;
}

// The breaker the previous changing run left: if it was open, this run is
// half-open, probing first the target that failed first.
void ApplyBreakerState(Env& env, const std::vector<FleetTarget>& targets, const std::string& state_path,
                       const Output& out, RolloutPolicy* p) {
  std::string text;
  BreakerRecord record;
  if (!env.ReadFile(state_path, &text).ok()) return;
  Status st = ParseBreakerRecord(text, &record);
  if (!st.ok()) {
    out.Notice("warning: ignoring the fleet state file " + state_path + ": " + st.ToString());
    return;
  }
  if (record.breaker != Breaker::kOpen) return;
  p->half_open = true;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (!record.failed.empty() && targets[i].name == record.failed[0]) p->probe = i;
  }
  out.Notice("the circuit breaker is open since " + record.at + " (" + record.reason + "); probing \"" +
             targets[p->probe].name + "\" alone first");
}

void SaveBreaker(Env& env, const std::string& path, const FleetSummary& s, const Output& out) {
  BreakerRecord record;
  // A probe that never ran leaves the breaker open.
  record.breaker = s.breaker == Breaker::kClosed ? Breaker::kClosed : Breaker::kOpen;
  record.command = s.command;
  record.at = FormatUtc(env.WallNow());
  record.reason = s.stop_reason;
  for (size_t i = 0; i < s.targets.size(); ++i) {
    if (s.reports[i].outcome == "failed") record.failed.push_back(s.targets[i].name);
  }
  Status st = env.WriteFileAtomically(path, SerializeBreakerRecord(record), 0644);
  if (!st.ok()) out.Notice("warning: fleet state not saved: " + st.ToString());
}

// A rollback over a fleet is many rollbacks: it needs --yes, or "yes" typed
// on a terminal after the list of targets, like a multi-step rollback.
Status ConfirmRollback(const Invocation& inv, const Output& out, const std::vector<FleetTarget>& targets) {
  // Pasteable: the flags every target runs with (-dir, -table) come too.
  std::string again = FlagsPrefix(inv) + " fleet --targets " + inv.targets_file;
  if (!inv.config.empty()) again += " --config " + inv.config;
  for (const std::string& s : inv.select) again += " --select " + s;
  for (const std::string& a : inv.args) again += " " + a;
  if (!inv.interactive || out.json()) {
    return Status::Refused("rolling back on " + std::to_string(targets.size()) +
                           " targets needs confirmation; review `" + again + " --dry-run`, then run `" + again +
                           " --yes`");
  }
  std::string names;
  for (size_t i = 0; i < targets.size() && i < 20; ++i) names += "  " + targets[i].name + "\n";
  if (targets.size() > 20) names += "  ... and " + std::to_string(targets.size() - 20) + " more\n";
  return AskYes(out, inv.args[0] + " on these targets:\n" + names);
}

void WriteFleetMetrics(Env& env, const std::string& path, const FleetSummary& s, const Output& out) {
  if (path.empty()) return;
  FleetMetrics m = FleetMetricsOf(s);
  m.finished_at = std::chrono::duration<double>(env.WallNow().time_since_epoch()).count();
  Status st = env.WriteFileAtomically(path, FleetPrometheusText(m), 0644);
  if (!st.ok()) out.Notice("warning: metrics file not written: " + st.ToString());
}

}  // namespace

int CmdFleet(const Invocation& inv, const Output& parent) {
  // The fleet's own Output also masks every target's secrets (LoadTargets):
  // a child's error, echoed in the progress lines and the table, may hold one.
  Output out = parent;
  if (inv.args.empty()) return out.Error("fleet", Status::Invalid("needs a COMMAND: gander fleet [flags] COMMAND [ARGS]"));
  const std::string& command = inv.args[0];
  const CommandInfo* info = FleetCommand(command);
  if (info == nullptr) {
    return out.Error("fleet", Status::Invalid("cannot run \"" + command + "\" over a fleet (fleet runs status, " +
                                              "version, validate, plan, verify, history, schema, datasum, up, " +
                                              "up-by-one, up-to, down, down-to, redo and resume)"));
  }
  bool changing = info->Has(kChangesDatabase) && !inv.dry_run;
  std::vector<FleetTarget> targets;
  SecretScrubber secrets;
  Status st = LoadTargets(inv, &targets, &secrets);
  out.AddSecrets(secrets);
  if (!st.ok()) return out.Error("fleet", st);

  bool rollback = info->Has(kRollsBack);
  Invocation confirmed = inv;
  if (rollback && !inv.dry_run && !inv.yes) {
    st = ConfirmRollback(inv, out, targets);
    if (!st.ok()) return out.Error("fleet", st);
    confirmed.yes = true;
  }

  std::string state_path = inv.fleet_state.empty() ? DefaultStatePath(inv.targets_file) : inv.fleet_state;
  RolloutPolicy policy = PolicyFromFlags(inv);
  if (changing) ApplyBreakerState(*inv.env, targets, state_path, out, &policy);
  std::vector<std::string> names;
  for (const FleetTarget& t : targets) names.push_back(t.name);
  Rollout rollout(names, policy);

  FleetSummary summary;
  for (const std::string& a : inv.args) summary.command += (summary.command.empty() ? "" : " ") + a;
  summary.targets = targets;
  summary.reports.assign(targets.size(), TargetReport());

  // Ctrl-C: start nothing more, let running targets finish; a second one
  // ends the fleet at once (its targets, in their own process groups, still finish).
  g_stop = false;
  struct sigaction on_int {};
  on_int.sa_handler = OnInterrupt;
  on_int.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &on_int, nullptr);
  sigaction(SIGTERM, &on_int, nullptr);

  bool live = !out.json() && isatty(STDERR_FILENO);
  auto start = std::chrono::steady_clock::now();
  auto changed = [&](const Rollout& r, size_t index, bool finished) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // A line per finished target for changing commands (a long run's
    // progress); a read-only one's table below says it all, once.
    if (finished && changing && !out.json()) {
      const TargetReport& rep = summary.reports[index];
      std::string line = rep.outcome + "  " + targets[index].name;
      if (rep.before || rep.after) line += "  " + (rep.before ? std::to_string(*rep.before) : "-") + " -> " +
                                           (rep.after ? std::to_string(*rep.after) : "-");
      if (!rep.error.empty()) line += "  " + rep.error;
      out.Progress((live ? "\r\033[K" : "") + line + "\n");
    }
    if (live) {
      out.Progress("\r\033[Kfleet " + summary.command + ": " +
                   ProgressLine(r.finished(), targets.size(), r.failed(), r.running(), elapsed));
    }
  };
  auto run_one = [&](size_t i) {
    double started_after = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ChildResult child;
    // GANDER_METRICS_FILE empty: the fleet writes the metrics file, not each target.
    std::map<std::string, std::string> env = {{"GANDER_DRIVER", targets[i].driver},
                                              {"GANDER_DBSTRING", targets[i].dsn},
                                              {"GANDER_METRICS_FILE", ""}};
    Status spawned = RunChild(ChildArgs(confirmed, targets[i]), env, &child);
    TargetReport report;
    if (!spawned.ok()) {
      report.outcome = "failed";
      report.error = spawned.message();
    } else {
      report = ReportFromChild(child, changing);
    }
    report.started_after = started_after;
    summary.reports[i] = report;
    return report.outcome != "failed";
  };
  RunRollout(rollout, run_one, changed, g_stop);
  if (live) out.Progress("\r\033[K");
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);

  summary.breaker = rollout.breaker();
  summary.stop_reason = rollout.stop_reason();
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (changing) SaveBreaker(*inv.env, state_path, summary, out);
  WriteFleetMetrics(*inv.env, inv.metrics_file, summary, out);
  if (out.json()) {
    out.Json(FleetJson(summary));
  } else {
    out.Text(FleetTable(summary));
  }
  for (const TargetReport& r : summary.reports) {
    if (r.outcome == "failed" || r.outcome == "not started") return 1;
  }
  return 0;
}

}  // namespace gander
