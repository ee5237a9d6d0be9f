// Taking over a database another tool migrated (docs/adopting.md). When
// gander's tracking table does not exist yet but golang-migrate's or
// dbmate's `schema_migrations` does (db/foreign_tracking.h), the versions
// that tool applied count as applied: status and plan show them, and the
// first command that changes the database records them in the tracking
// table, with an `adopted` history event each, before it runs anything.
//
// Recorded, not read on every run: the tracking table then stays the one
// record of the database's state, exactly as goose keeps it (goose itself can
// take over from there), and gander's checksums, history and dirty markers
// hang off its versions. The other tool's table is only ever read: a team
// can switch back (after telling that tool where gander left the database).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/adoption.h"
#include "app/change_context.h"
#include "core/migration.h"
#include "core/planner.h"

namespace gander {

// The other tool's table looked for beside `tracking_table`: `configured`
// when given (golang-migrate's x-migrations-table in the DSN,
// db/dsn_migrate.h), else `schema_migrations`, in the tracking table's
// schema if it names one.
std::string ForeignTableFor(const std::string& tracking_table, const std::string& configured = "");

// If `tracking_table` does not exist and the other tool's table does, with
// something applied: what adopting it records (golang-migrate: every
// migration of `sources` up to its version; dbmate: every version it
// lists); *out stays empty otherwise. `dir` names the folder in messages;
// `foreign_table` is ForeignTableFor's `configured`.
Status FindAdoption(Connection& conn, const std::string& tracking_table, const std::vector<MigrationSource>& sources,
                    const std::string& dir, std::optional<Adoption>* out, const std::string& foreign_table = "");

// The database's state as it will be once adopted (no timestamps yet).
DbVersions AdoptedVersions(const Adoption& adoption);

// "golang-migrate's schema_migrations (version 3)", "dbmate's schema_migrations (2 rows)".
std::string DescribeAdoption(const Adoption& adoption);
// "1, 2, 3"; a long list shortened: "1, 2, 3, ..., 40".
std::string VersionList(const std::vector<int64_t>& versions);

// Session::ReadState, and when there is no tracking table yet, the adoption
// FindAdoption finds (then *versions are AdoptedVersions). For status and
// version, which show the state without changing it.
Status ReadStateAdopting(Session& session, const std::vector<MigrationSource>& sources, const std::string& dir,
                         DbVersions* versions, std::optional<DirtyState>* dirty, std::optional<Adoption>* adoption,
                         const std::string& foreign_table = "");

// Before the first change: creates the tracking table if it is missing. With
// ctx.adoption (set by BeginChange), the table is created with the adopted
// versions' rows and their `adopted` history events (with their files'
// checksums, if the audit trail has started) in one transaction, and a
// notice says what was recorded. Nothing with -no-versioning.
Status EnsureTrackingTable(ChangeContext& ctx);

}  // namespace gander
