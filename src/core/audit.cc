#include "core/audit.h"

#include <cstdio>
#include <ctime>
#include <map>

#include "core/checksum.h"

namespace gander {

std::string EventNote(const AuditEvent& e) {
  // A present down part, even an empty one, has a checksum (core/checksum.h).
  if (e.direction == "down" && e.outcome == "rolled_back" && e.checksum.empty() && e.statements == 0) {
    return "no down part: recorded as rolled back without running anything";
  }
  return "";
}

nlohmann::json EventToJson(const AuditEvent& e) {
  nlohmann::json out = {{"id", e.id},           {"snapshot", e.snapshot_seq}, {"version", e.version},
          {"direction", e.direction}, {"outcome", e.outcome},   {"file", e.file},
          {"checksum", e.checksum}, {"started_at", e.started_at}, {"duration_ms", e.duration_ms},
          {"statements", e.statements}, {"command", e.command}, {"user", e.user},
          {"host", e.host}};
  std::string note = EventNote(e);
  if (!note.empty()) out["note"] = note;
  return out;
}

std::string FormatUtc(std::chrono::system_clock::time_point t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[32], out[40];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  std::snprintf(out, sizeof out, "%s.%03dZ", date, static_cast<int>(ms % 1000));
  return out;
}

namespace {

// The one file name format: `started_at` as FormatUtc writes it
// ("2026-11-26T01:25:10.123Z") becomes "20261126T012510Z", then seq and command.
std::optional<std::string> FileNameAt(const std::string& started_at, int64_t seq, const std::string& command) {
  if (started_at.size() < 19) return std::nullopt;
  const std::string& t = started_at;
  std::string stamp = t.substr(0, 4) + t.substr(5, 2) + t.substr(8, 2) + "T" + t.substr(11, 2) + t.substr(14, 2) +
                      t.substr(17, 2) + "Z";
  char out[96];
  std::snprintf(out, sizeof out, "%s-%06lld-%s.json", stamp.c_str(), static_cast<long long>(seq), command.c_str());
  return std::string(out);
}

}  // namespace

std::string SnapshotFileName(std::chrono::system_clock::time_point t, int64_t seq, const std::string& command) {
  return *FileNameAt(FormatUtc(t), seq, command);
}

std::optional<int64_t> SnapshotSeqFromFileName(const std::string& name) {
  // 16 characters of time, '-', digits, '-', command, ".json"
  if (name.size() < 24 || name[16] != '-' || name.compare(name.size() - 5, 5, ".json") != 0) return std::nullopt;
  size_t end = name.find('-', 17);
  if (end == std::string::npos || end == 17) return std::nullopt;
  int64_t seq = 0;
  for (size_t i = 17; i < end; ++i) {
    if (name[i] < '0' || name[i] > '9') return std::nullopt;
    seq = seq * 10 + (name[i] - '0');
  }
  return seq;
}

std::optional<std::string> SnapshotFileNameOf(const std::string& body) {
  nlohmann::json value = nlohmann::json::parse(body, nullptr, false);
  if (!value.is_object()) return std::nullopt;
  const auto started = value.find("started_at");
  const auto seq = value.find("seq");
  const auto command = value.find("command");
  if (started == value.end() || !started->is_string() || seq == value.end() || !seq->is_number_integer() ||
      command == value.end() || !command->is_string()) {
    return std::nullopt;
  }
  return FileNameAt(started->get<std::string>(), seq->get<int64_t>(), command->get<std::string>());
}

std::string SerializeSnapshot(const nlohmann::json& snapshot) {
  // File names and SQL may hold invalid UTF-8: replaced, never thrown on.
  return SerializeSnapshot(snapshot, {});
}

std::string SnapshotArrayPlaceholder(size_t n) { return "@gander-snapshot-array-" + std::to_string(n); }

std::string SnapshotElementText(const nlohmann::json& element) {
  return element.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// Appends the array as dump(2) would print it where its key's line is
// indented by `indent`.
void AppendArray(std::string* out, const SnapshotArray& array, size_t indent) {
  if (array.first == 0) {
    out->append("[]");
    return;
  }
  std::string pad(indent + 2, ' ');
  out->append("[\n");
  for (size_t i = 0; i < array.first; ++i) {
    out->append(i ? ",\n" : "").append(pad);
    for (char c : array.second(i)) {
      out->push_back(c);
      if (c == '\n') out->append(pad);
    }
  }
  out->append("\n").append(indent, ' ').append("]");
}

// Where the next placeholder is in `skeleton` from `from`: its position and
// array index, or npos.
std::pair<size_t, size_t> NextPlaceholder(const std::string& skeleton, size_t from, size_t arrays) {
  std::pair<size_t, size_t> best{std::string::npos, 0};
  for (size_t n = 0; n < arrays; ++n) {
    size_t at = skeleton.find("\"" + SnapshotArrayPlaceholder(n) + "\"", from);
    if (at < best.first) best = {at, n};
  }
  return best;
}

}  // namespace

std::string SerializeSnapshot(const nlohmann::json& head, const std::vector<SnapshotArray>& arrays) {
  std::string skeleton = SnapshotElementText(head);
  std::string out;
  size_t pos = 0;
  while (true) {
    auto [at, n] = NextPlaceholder(skeleton, pos, arrays.size());
    out.append(skeleton, pos, (at == std::string::npos ? skeleton.size() : at) - pos);
    if (at == std::string::npos) break;
    size_t line = skeleton.rfind('\n', at) + 1;
    AppendArray(&out, arrays[n], skeleton.find_first_not_of(' ', line) - line);
    pos = at + SnapshotArrayPlaceholder(n).size() + 2;
  }
  out += '\n';
  return out;
}

namespace {

nlohmann::json ParseOrNull(const std::string& bytes) {
  nlohmann::json value = nlohmann::json::parse(bytes, nullptr, false);
  return value.is_discarded() ? nlohmann::json() : value;
}

std::string StringField(const nlohmann::json& value, const char* key) {
  if (!value.is_object() || !value.contains(key) || !value[key].is_string()) return "";
  return value[key].get<std::string>();
}

}  // namespace

std::vector<AuditFinding> VerifyAuditTrail(const std::vector<StoredSnapshot>& rows,
                                           const std::vector<SnapshotFile>& files,
                                           const std::string& live_fingerprint, bool check_files) {
  std::vector<AuditFinding> findings;
  auto add = [&](int64_t seq, std::string message) { findings.push_back({seq, std::move(message)}); };

  std::string database_id;
  for (const StoredSnapshot& row : rows) {
    database_id = StringField(ParseOrNull(row.body), "database_id");
    if (!database_id.empty()) break;
  }

  // The folder's files of this database (or unreadable ones), by sequence number.
  std::map<int64_t, const SnapshotFile*> files_by_seq;
  for (const SnapshotFile& file : files) {
    if (!check_files) break;
    std::optional<int64_t> seq = SnapshotSeqFromFileName(file.name);
    if (!seq) continue;
    nlohmann::json value = ParseOrNull(file.bytes);
    std::string owner = StringField(value, "database_id");
    if (!owner.empty() && owner != database_id) continue;  // another database's trail
    files_by_seq[*seq] = &file;
  }

  std::string previous_sha;
  int64_t expected = 1;
  for (const StoredSnapshot& row : rows) {
    bool after_gap = row.seq != expected;
    if (after_gap) {
      add(row.seq, "snapshot " + std::to_string(expected) + (row.seq == expected + 1 ? " is" : " to " +
          std::to_string(row.seq - 1) + " are") + " missing from the database: the chain jumps to " +
          std::to_string(row.seq));
    }
    expected = row.seq + 1;
    std::string actual_sha = Sha256Hex(row.body);
    if (actual_sha != row.sha256) {
      add(row.seq, "snapshot " + std::to_string(row.seq) + " in the database was edited: its bytes no longer match "
          "the SHA-256 recorded with them");
    }
    nlohmann::json body = ParseOrNull(row.body);
    if (body.is_null()) {
      add(row.seq, "snapshot " + std::to_string(row.seq) + " in the database is not valid JSON");
    } else {
      std::string named_previous = StringField(body, "previous_sha256");
      if (!after_gap && named_previous != previous_sha) {
        add(row.seq, "snapshot " + std::to_string(row.seq) + " does not link to the snapshot before it "
            "(previous_sha256 differs): the chain is broken here");
      }
      if (!body.contains("seq") || body["seq"] != row.seq) {
        add(row.seq, "snapshot " + std::to_string(row.seq) + " names another sequence number than its row");
      }
    }
    previous_sha = actual_sha;
    if (!check_files) continue;

    auto file = files_by_seq.find(row.seq);
    if (file == files_by_seq.end() && &row == &rows.back()) {
      // The row commits before the file is written: a kill in between
      // leaves exactly this, and the next changing command writes the file.
      add(row.seq, "snapshot " + std::to_string(row.seq) + " was never written to the snapshot folder: the run "
          "that stored it was interrupted before writing its file (or the file was deleted); the next changing "
          "command writes it from the database's copy");
      findings.back().interrupted = true;
    } else if (file == files_by_seq.end()) {
      add(row.seq, "snapshot " + std::to_string(row.seq) + ": its file is missing from the snapshot folder");
    } else {
      if (file->second->bytes != row.body) {
        add(row.seq, "snapshot " + std::to_string(row.seq) + ": file " + file->second->name +
            " differs from the copy in the database (edited)");
      }
      files_by_seq.erase(file);
    }
  }
  for (const auto& [seq, file] : files_by_seq) {
    add(seq, "file " + file->name + " is not part of the database's chain (no snapshot " + std::to_string(seq) +
        " in the database)");
  }

  if (!rows.empty() && !live_fingerprint.empty()) {
    nlohmann::json last = ParseOrNull(rows.back().body);
    std::string recorded = last.is_object() && last.contains("schema") ? StringField(last["schema"], "fingerprint") : "";
    if (!recorded.empty() && recorded != live_fingerprint) {
      add(rows.back().seq, "the live schema no longer matches snapshot " + std::to_string(rows.back().seq) +
          " (fingerprint " + recorded.substr(0, 12) + ", now " + live_fingerprint.substr(0, 12) +
          "): it was changed outside gander since " + StringField(last, "finished_at"));
    }
  }
  return findings;
}

}  // namespace gander
