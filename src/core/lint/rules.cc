#include "core/lint/rules.h"

#include <cctype>

namespace gander::lint {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kOff: return "off";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "";
}

const std::vector<RuleInfo>& Rules() {
  using S = Severity;
  using P = RulePart;
  const unsigned pg = kPostgresOnly, my = kMySqlOnly, lite = kSqliteOnly, all = kAllEngines;
  static const std::vector<RuleInfo> rules = {
      // Locks and rewrites that block traffic
      {"GL101", S::kWarning, pg, P::kBoth, "CREATE INDEX without CONCURRENTLY on an existing table blocks its writes",
       "CREATE INDEX CONCURRENTLY in a migration of its own marked -- +goose NO TRANSACTION"},
      {"GL102", S::kWarning, pg, P::kBoth, "DROP INDEX without CONCURRENTLY locks the table against reads and writes",
       "DROP INDEX CONCURRENTLY in a migration of its own marked -- +goose NO TRANSACTION"},
      {"GL103", S::kWarning, pg, P::kBoth, "REINDEX without CONCURRENTLY blocks writes (and reads that use the index)",
       "REINDEX ... CONCURRENTLY in a migration of its own marked -- +goose NO TRANSACTION"},
      {"GL104", S::kWarning, pg, P::kBoth,
       "ADD COLUMN with a volatile default, an identity or a stored generated value rewrites the table",
       "add the column without a default, set the default, then backfill in batches"},
      {"GL105", S::kWarning, pg, P::kBoth, "ALTER COLUMN ... TYPE rewrites the table and its indexes",
       "add a column of the new type, backfill it, switch the application, drop the old one"},
      {"GL106", S::kWarning, pg, P::kBoth, "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock",
       "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL"},
      {"GL107", S::kWarning, pg, P::kBoth, "ADD FOREIGN KEY or CHECK without NOT VALID scans the table while it blocks writes",
       "ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a later migration"},
      {"GL108", S::kWarning, pg, P::kBoth, "ADD UNIQUE or PRIMARY KEY builds its index under an ACCESS EXCLUSIVE lock",
       "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE / PRIMARY KEY USING INDEX"},
      {"GL109", S::kWarning, pg, P::kBoth,
       "VACUUM FULL, CLUSTER, SET TABLESPACE or SET LOGGED rewrite the table under an ACCESS EXCLUSIVE lock",
       "plain VACUUM, or pg_repack / pg_squeeze outside the migration"},
      {"GL110", S::kWarning, pg, P::kBoth, "no lock_timeout before DDL on an existing table: a waiting lock queues all traffic",
       "SET lock_timeout = '5s'; as the first statement (gander retries a lock timeout as transient)"},
      {"GL121", S::kWarning, my, P::kBoth, "ALTER TABLE that copies the table (neither INSTANT nor INPLACE) blocks writes",
       "an online schema change tool (gh-ost, pt-online-schema-change), or a new column and a backfill"},
      {"GL122", S::kWarning, my, P::kBoth, "explicit ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE blocks writes",
       "ALGORITHM=INPLACE, LOCK=NONE (the server refuses it if it cannot)"},
      {"GL123", S::kWarning, my, P::kBoth, "adding a FOREIGN KEY copies the table while foreign_key_checks is on",
       "create the foreign key with the table, or use an online schema change tool"},
      {"GL141", S::kError, lite, P::kBoth, "ALTER TABLE that SQLite refuses",
       "rebuild the table: CREATE TABLE new ..., INSERT INTO new SELECT ..., DROP TABLE old, ALTER TABLE new RENAME TO old"},
      {"GL142", S::kError, lite, P::kBoth, "DROP COLUMN that SQLite refuses (key, unique, indexed, foreign key or viewed column)",
       "drop the index, view or constraint first, or rebuild the table without the column"},
      {"GL143", S::kWarning, lite, P::kBoth, "DROP COLUMN or VACUUM rewrites the whole table while holding the write lock",
       "run it when writers can wait, or keep the column"},
      // Transactions
      {"GL201", S::kError, pg | lite, P::kBoth, "a statement that cannot run inside a transaction block, in a transactional migration",
       "put it alone in a migration marked -- +goose NO TRANSACTION"},
      {"GL202", S::kWarning, my, P::kBoth, "DDL mixed with other statements: MySQL/MariaDB commit each DDL, a failure leaves part applied",
       "one DDL statement per migration, written so it can be re-run (IF NOT EXISTS / IF EXISTS)"},
      {"GL203", S::kError, all, P::kBoth, "BEGIN / COMMIT written in a migration that gander runs in a transaction (or left open)",
       "remove them, or mark the file -- +goose NO TRANSACTION so its own transaction is the only one", pg | my},
      {"GL204", S::kWarning, lite, P::kBoth, "PRAGMA foreign_keys inside a transaction has no effect",
       "mark the file -- +goose NO TRANSACTION and set the pragma outside its BEGIN ... COMMIT"},
      // Data loss
      {"GL301", S::kError, all, P::kUp, "DROP TABLE deletes the table's data", "copy or back up the data first; rename the table away and drop it later"},
      {"GL302", S::kError, all, P::kUp, "DROP COLUMN deletes the column's data", "stop using the column, back it up, drop it in a later release"},
      {"GL303", S::kError, pg | my, P::kUp, "TRUNCATE deletes every row", "delete only what must go, or back the table up first"},
      {"GL304", S::kError, pg | my, P::kUp, "DROP SCHEMA / DROP DATABASE deletes everything in it", "never in a migration; do it by hand after a backup"},
      {"GL305", S::kWarning, pg | my, P::kUp, "a narrower type can truncate or refuse existing values",
       "check the longest value first (SELECT max(length(col)) ...) or keep the wider type"},
      {"GL311", S::kWarning, all, P::kDown, "the rollback drops what its own up part created: data written since the deploy is lost",
       "back the data up before rolling back, or keep the object and only stop using it"},
      {"GL312", S::kError, all, P::kDown, "the rollback drops a table or column an earlier migration created: its data is lost",
       "make the down part undo only what its up part did"},
      {"GL313", S::kError, all, P::kUp, "the up part destroys data that its down part cannot bring back (it recreates the schema only)",
       "back the data up before deploying, or write the down part as a refusal (a statement that fails)"},
      {"GL321", S::kWarning, all, P::kFile, "no down part: the migration cannot be rolled back",
       "add -- +goose Down (or a .down.sql file) that undoes the up part"},
      {"GL322", S::kWarning, all, P::kFile, "an empty down part: rolling back changes nothing",
       "write the statements that undo the up part, or a refusal if it cannot be undone"},
      // Breaks the running application
      {"GL401", S::kWarning, all, P::kUp, "RENAME COLUMN breaks the application version still running",
       "add the new column, write both, backfill, switch reads, drop the old one later"},
      {"GL402", S::kWarning, all, P::kUp, "RENAME TABLE breaks the application version still running",
       "create the new table (or a view with the old name), move the application, drop the old one later"},
      {"GL403", S::kWarning, all, P::kBoth, "DROP COLUMN of a column a view still names",
       "drop or recreate the view first, in the same migration"},
      {"GL404", S::kWarning, pg | my, P::kUp, "ADD COLUMN NOT NULL without a default fails on rows (PostgreSQL) or breaks inserts of the running version",
       "add it with a DEFAULT, or nullable, backfill, then SET NOT NULL"},
      {"GL405", S::kWarning, pg | my, P::kUp, "enum values reordered, removed or renamed: stored values and comparisons change",
       "only append new values at the end"},
      // Rollback that fails on data written since the deploy
      {"GL501", S::kWarning, pg | my, P::kDown, "the rollback re-adds NOT NULL: it fails if rows written since the deploy hold NULL",
       "check first: SELECT count(*) FROM t WHERE col IS NULL; give a DEFAULT or backfill in the down part"},
      {"GL502", S::kWarning, all, P::kDown, "the rollback recreates a UNIQUE, FOREIGN KEY or CHECK constraint that new rows may violate",
       "check first for duplicates or orphans (GROUP BY ... HAVING count(*) > 1 / NOT EXISTS)"},
      {"GL503", S::kWarning, pg | my, P::kDown, "the rollback narrows a type: values written since the deploy may not fit",
       "check first: SELECT max(length(col)) ... / max(col); or keep the wider type"},
      // lint-ignore directives
      {"GL901", S::kError, all, P::kFile, "a lint-ignore directive without a reason (it is not applied)",
       "-- gander:lint-ignore RULE[,RULE] why this is safe"},
      {"GL902", S::kError, all, P::kFile, "a lint-ignore directive names an unknown rule", "use a rule id from docs/lint.md"},
      {"GL903", S::kWarning, all, P::kFile, "a lint-ignore directive that matches no finding", "remove it"},
  };
  return rules;
}

const RuleInfo* FindRule(const std::string& id) {
  std::string upper = id;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const RuleInfo& r : Rules()) {
    if (upper == r.id) return &r;
  }
  return nullptr;
}

Severity EffectiveSeverity(const RuleInfo& rule, const std::map<std::string, Severity>& overrides,
                           std::optional<Engine> engine) {
  auto it = overrides.find(rule.id);
  if (it != overrides.end()) return it->second;
  bool milder = engine && (rule.warning_on & (1u << static_cast<unsigned>(*engine))) != 0;
  return milder && rule.severity == Severity::kError ? Severity::kWarning : rule.severity;
}

bool RuleApplies(const RuleInfo& rule, std::optional<Engine> engine) {
  if (!engine) return rule.engines == kAllEngines;
  return (rule.engines & (1u << static_cast<unsigned>(*engine))) != 0;
}

}  // namespace gander::lint
