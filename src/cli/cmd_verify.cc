// verify: the engine's proof that every down part undoes its up part
// (app/verifier.h), shown a line per migration.
#include "app/verifier.h"
#include "cli/change.h"
#include "cli/commands.h"

namespace gander {

namespace {

int VerifyCommand(const ChangeRequest& req, const Output& out) {
  if (!req.args.empty()) return out.Error("verify", Status::Invalid("unexpected argument \"" + req.args[0] + "\""));
  if (req.engine.no_versioning) return out.Error("verify", Status::Invalid("needs the tracking table; not with -no-versioning"));
  CliChange change(req, out);
  Status st = BeginChange(change.ctx, DirtyPolicy::kRefuse);
  if (st.ok()) st = RefuseReadOnly(change.ctx);
  if (!st.ok()) return out.Error("verify", st);

  nlohmann::json results = nlohmann::json::array();
  nlohmann::json first_failure;
  std::vector<int64_t> failures;
  auto show = [&](const Verification& v) {
    nlohmann::json problems = v.problems;
    results.push_back({{"version", v.version}, {"file", v.file}, {"ok", v.ok()}, {"problems", problems}});
    if (v.ok()) {
      out.Line("OK     " + v.file + " (up, down, up" + (req.verify.data ? ", data kept" : "") + ")");
      return;
    }
    for (const std::string& p : v.problems) out.Line("FAIL   " + v.file + ": " + p);
    if (first_failure.is_null()) first_failure = {{"version", v.version}, {"file", v.file}};
    failures.push_back(v.version);
  };
  VerifySummary summary;
  st = RunVerify(change.ctx, req.verify, show, &summary);
  if (!st.ok()) return out.Error("verify", st);
  std::string counts = std::to_string(summary.verified) + " migration(s) verified" +
                       (summary.applied ? ", " + std::to_string(summary.applied) +
                                              " applied before them without checks"
                                        : "");
  std::string broken;
  for (int64_t version : failures) broken += (broken.empty() ? "" : ", ") + std::to_string(version);
  if (failures.empty()) {
    out.Line("gander: verify: " + counts);
  } else {
    out.Line("gander: verify: " + counts + "; migration" + (failures.size() == 1 ? " " + broken + " breaks" : "s " + broken + " break") +
             (summary.not_checked ? ", " + std::to_string(summary.not_checked) +
                                        " later migration(s) not checked (they would start from a wrong schema)"
                                  : "") +
             " (exit 1)");
  }
  out.Json({{"command", "verify"}, {"data", req.verify.data}, {"migrations", results},
            {"verified", summary.verified}, {"applied_without_checks", summary.applied},
            {"first_failure", first_failure}, {"failures", failures}, {"stopped", summary.stopped}});
  return first_failure.is_null() ? 0 : 1;
}

}  // namespace

int CmdVerify(const Invocation& inv, const Output& out) { return VerifyCommand(ChangeRequest::From(inv), out); }

}  // namespace gander
