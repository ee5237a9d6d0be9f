#include "app/metrics_file.h"

namespace gander {

Status WriteRunMetrics(Env& env, const std::string& path, RunMetrics m, const Status& outcome) {
  m.success = outcome.ok();
  m.run_seconds = std::chrono::duration<double>(env.SteadyNow() - m.started).count();
  m.finished_at = std::chrono::duration<double>(env.WallNow().time_since_epoch()).count();
  std::string previous;
  if (m.success) {
    m.last_success = m.finished_at;
  } else if (env.ReadFile(path, &previous).ok()) {
    m.last_success = LastSuccessFrom(previous);
  }
  return env.WriteFileAtomically(path, PrometheusText(m), 0644);
}

}  // namespace gander
