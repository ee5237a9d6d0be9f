// The history table's hash chain and the cross-checks `audit verify` makes
// between the three records of a database's migrations: the history events,
// the snapshots and the tracking table. Pure: rows come in as values.
//
// Each history row carries `row_sha256`, the SHA-256 of the previous row's
// hash and of every stored field of the row itself (HistoryRowHash), so that
// an edited, deleted, inserted or reordered row breaks the chain where it is.
// Each snapshot names the history's last row when it was written
// (`history_head`), so that deleting the newest rows is seen too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/audit.h"

namespace gander {

// The duration as stored (whole microseconds), which the hash covers.
int64_t StoredDurationMicros(const AuditEvent& event);

// The chain hash of `event` after a row whose hash is `previous` ("" for the
// first row). Covers every field the history table stores but row_sha256.
std::string HistoryRowHash(const std::string& previous, const AuditEvent& event);

// Everything `audit verify` compares, read by the caller.
struct AuditTrail {
  std::vector<StoredSnapshot> snapshots;  // seq order
  std::vector<SnapshotFile> files;        // the snapshot folder
  bool check_files = true;                // false: no folder configured, `files` is not compared
  std::vector<AuditEvent> events;         // id order, row_sha256 as stored ("" if none)
  std::vector<int64_t> tracking_applied;  // applied versions of the tracking table (0 excluded)
  std::string live_fingerprint;           // "" to skip the schema comparison
  std::string history_table;              // names for the messages
  std::string tracking_table;
};

// What `audit verify` reports: VerifyAuditTrail's snapshot findings, then
// the history chain, events naming snapshots that do not exist (an
// interrupted run when they name the next one), the tracking table against
// the latest snapshot plus the events after it, and the live schema (not
// reported as changed outside gander when an interrupted run explains it).
// Findings of an interrupted run have `interrupted` set.
std::vector<AuditFinding> VerifyTrail(const AuditTrail& trail);

// Whether a snapshot's bytes record the history's last row (`history_head`):
// written by a gander that chains history rows. Until a trail has one, rows
// without a hash are an older gander's, which the next changing command chains.
bool RecordsHistoryHead(const std::string& snapshot_body);

// What makes `body` (a parsed snapshot) something other than a gander
// snapshot: "" if its fields have the types gander writes, else the first
// field that does not (e.g. "\"applied\" is not a list").
std::string SnapshotShapeProblem(const nlohmann::json& body);

// The events that name a snapshot after `last_seq`: those of a run that was
// interrupted before it wrote its snapshot.
std::vector<AuditEvent> EventsAfterSnapshot(const std::vector<AuditEvent>& events, int64_t last_seq);

}  // namespace gander
