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
// used in error messages only. On error returns Status::Invalid at file:line.
Status ParseGooseMigration(std::string_view text, const std::string& file,
                           const EnvLookup& env, ParsedMigration* out);

// Parses one file of a paired migration (`.up.sql` or `.down.sql`): the same
// splitting and annotations, but no Up/Down annotation is needed (one is an error).
Status ParsePairedPart(std::string_view text, const std::string& file,
                       const EnvLookup& env, MigrationPart* out);

}  // namespace gander
