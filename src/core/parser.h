// Parses migration text into statements, following goose v3.27's rules
// (docs/file-format.md) with gander's lexical guard and listed deviations.
// Pure: the text and the environment come in as values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/migration.h"
#include "core/status.h"

namespace gander {

// Looks up an environment variable for ENVSUB; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Parses a goose-format file (`-- +goose Up` / `-- +goose Down`). `file` is
// used in error messages only. Returns Status::Invalid at file:line when the
// file's structure is malformed (annotations, NUL bytes). A problem confined
// to one section (its last statement unfinished, an ENVSUB error in it) is
// left in that part's `problem`, the rest of the file still parsed, so that
// a command needing only the other direction can run, as with goose.
Status ParseGooseSections(std::string_view text, const std::string& file, const EnvLookup& env,
                          ParsedMigration* out);

// ParseGooseSections, strict: any problem, structural or in either section
// (the Up section's first), is returned (for `validate` and checksums).
Status ParseGooseMigration(std::string_view text, const std::string& file,
                           const EnvLookup& env, ParsedMigration* out);

// Parses one file of a paired migration (`.up.sql` or `.down.sql`): the same
// splitting and annotations, but no Up/Down annotation is needed (one is an
// error), and, as golang-migrate sends a file as one query, the end of the
// file ends its last statement (a trailing `;` is not needed; text that is
// only comments after the last statement is no statement). Returns any
// problem; out->problem holds a non-structural one too.
Status ParsePairedPart(std::string_view text, const std::string& file,
                       const EnvLookup& env, MigrationPart* out);

}  // namespace gander
