#include "app/drift.h"

#include "core/checksum.h"

namespace gander {

Status FindDrift(const ConnectionFactory& connect, const std::string& table, const std::vector<MigrationSource>& sources,
                 const std::vector<PartChecksums>& files, std::vector<DriftFinding>* findings) {
  findings->clear();
  std::unique_ptr<Session> session;
  GANDER_RETURN_IF_ERROR(Session::Open(connect, table, &session));
  DbVersions versions;
  std::optional<DirtyState> dirty;
  std::map<int64_t, PartChecksums> recorded;
  GANDER_RETURN_IF_ERROR(session->ReadState(&versions, &dirty));
  GANDER_RETURN_IF_ERROR(session->store().ReadChecksums(&recorded));
  using Kind = DriftFinding::Kind;
  for (const AppliedVersion& applied : versions.applied) {
    int index = FindSource(sources, applied.version);
    if (index < 0) {
      findings->push_back({Kind::kMissingFile, applied.version, "", ""});
      continue;
    }
    auto sums = recorded.find(applied.version);
    const std::string& file = sources[index].file;
    if (sums == recorded.end()) {
      findings->push_back({Kind::kUnrecorded, applied.version, file, ""});
      continue;
    }
    const PartChecksums& now = files[index];
    if (now.up != sums->second.up) findings->push_back({Kind::kChanged, applied.version, file, "up"});
    // A pair's down part is its own file: name that one.
    const std::string& down_file = sources[index].down_file.empty() ? file : sources[index].down_file;
    if (now.down != sums->second.down) {
      findings->push_back({Kind::kChanged, applied.version, down_file, "down"});
    }
  }
  return Status::OK();
}

}  // namespace gander
