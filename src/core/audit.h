// The audit model: events of the history table, JSON version snapshots and
// the hash chain that links them. Pure: times, bytes and rows come in as
// values; src/app/audit_recorder.cc reads and writes them.
//
// A snapshot is one JSON document per changing command. Its bytes are stored
// as a row of `<table>_snapshots` (and, when a snapshot folder is configured,
// as a file too); the row also holds the SHA-256 of those bytes, and every
// snapshot names the SHA-256 of the one before it, so that an edited, deleted
// or inserted snapshot breaks the chain.
#pragma once

#include <chrono>
#include <functional>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gander {

// The snapshot format written by this gander (docs/snapshot.schema.json).
inline constexpr const char* kSnapshotFormat = "gander-snapshot/1";

// One row of the history table: one migration step, or one force/repair.
struct AuditEvent {
  int64_t id = 0;           // increasing per database
  int64_t snapshot_seq = 0; // the snapshot of the command that wrote it
  int64_t version = 0;
  std::string direction;    // up, down
  std::string outcome;      // applied, rolled_back, failed, dirty, forced, repaired
  std::string file;
  std::string checksum;     // of the part that ran (empty if none)
  // Both parts' checksums as the files were (applied, forced, repaired and
  // adopted events only): the reference for drift detection.
  std::string up_sha256, down_sha256;
  std::string started_at;   // UTC, FormatUtc
  double duration_ms = 0;
  int statements = 0;
  std::string command;      // up, down, redo, ...
  std::string user;
  std::string host;
  // The history chain's hash of this row (core/audit_history.h); empty for
  // rows written before rows were chained, and until the row is stored.
  std::string row_sha256;
};

// What an event's fields alone do not say to a reader: for a rollback of a
// migration without a down part (--allow-no-down, or an up part with no
// statement), whose event has no down checksum, "no down part: recorded as
// rolled back without running anything"; empty for any other event.
std::string EventNote(const AuditEvent& event);

// The event as history --json and snapshots list it; "note" only when
// EventNote has one.
nlohmann::json EventToJson(const AuditEvent& event);

// "2026-11-26T01:25:10.123Z".
std::string FormatUtc(std::chrono::system_clock::time_point t);

// "<UTC time>-<seq>-<command>.json", e.g. "20261126T012510Z-000007-down.json",
// so that a folder listing sorts in chain order.
std::string SnapshotFileName(std::chrono::system_clock::time_point t, int64_t seq, const std::string& command);
// The file name SnapshotFileName gave the snapshot whose bytes are `body`
// (from its started_at, seq and command); nullopt if it has no such fields.
std::optional<std::string> SnapshotFileNameOf(const std::string& body);
// The sequence number in a snapshot file name; nullopt if not one.
std::optional<int64_t> SnapshotSeqFromFileName(const std::string& name);

// The exact bytes of a snapshot (what is hashed, written and stored).
std::string SerializeSnapshot(const nlohmann::json& snapshot);

// The same bytes, with the snapshot's large arrays (its steps, its schema
// objects) rendered one element at a time, so that the whole document never
// exists as a JSON tree (thousands of migrations and tables make it MBs).
// In `head` each such array is the string SnapshotArrayPlaceholder(n); its
// element i is arrays[n].second(i), of arrays[n].first elements, each
// rendered by SnapshotElementText (so that a caller may keep them rendered).
using SnapshotArray = std::pair<size_t, std::function<std::string(size_t)>>;
std::string SnapshotArrayPlaceholder(size_t n);
std::string SnapshotElementText(const nlohmann::json& element);
std::string SerializeSnapshot(const nlohmann::json& head, const std::vector<SnapshotArray>& arrays);

// A snapshot as kept in the database, and as found in the snapshot folder.
struct StoredSnapshot {
  int64_t seq = 0;
  std::string sha256;  // as recorded when written
  std::string body;
};
struct SnapshotFile {
  std::string name;
  std::string bytes;
};

// One problem `audit verify` found; `snapshot` is the seq it is about (0 if none).
struct AuditFinding {
  int64_t snapshot = 0;
  std::string message;
  // Not tampering: a run stopped (kill -9, power loss) before it finished its
  // part of the trail, which the next changing command completes.
  bool interrupted = false;
};

// Checks the chain: rows numbered 1..n without gaps, each row's hash matching
// its bytes, each snapshot naming its predecessor's hash, each row having an
// identical file (files of other databases, by database_id, are ignored; the
// newest row's missing file is reported as an interrupted run), no
// file without a row, and the newest snapshot's schema fingerprint matching
// `live_fingerprint` (someone changed the schema by hand since). Findings in
// chain order; none means the trail is intact. Without `check_files` (no
// snapshot folder is configured) `files` is ignored: the rows are the record.
std::vector<AuditFinding> VerifyAuditTrail(const std::vector<StoredSnapshot>& rows,
                                           const std::vector<SnapshotFile>& files,
                                           const std::string& live_fingerprint, bool check_files = true);

}  // namespace gander
