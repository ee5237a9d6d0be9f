// The snapshot folder: audit snapshots written atomically (temporary file,
// fsync, rename, fsync of the folder), readable by the owner only.
#pragma once

#include <string>
#include <vector>

#include "app/env.h"
#include "core/audit.h"
#include "core/status.h"

namespace gander {

// Writes `bytes` to `dir`/`name` with mode 0600, creating `dir` (mode 0700)
// if needed. The file appears complete or not at all.
Status WriteSnapshotFile(Env& env, const std::string& dir, const std::string& name, const std::string& bytes);

// The folder an earlier gander wrote snapshots to by default,
// `migrations_dir`/.gander/snapshots, if it exists while no snapshot folder
// is configured (`configured` empty); "" otherwise. Since no folder is
// written unless configured, its files stop at the last snapshot written
// there: callers say so, and how to keep using it (docs/audit.md).
std::string UnusedDefaultSnapshotFolder(Env& env, const std::string& migrations_dir, const std::string& configured);

// Every `*.json` file of `dir` (none if it does not exist), by name; files
// whose name starts with a dot (temporary files) are left out.
Status ReadSnapshotFolder(Env& env, const std::string& dir, std::vector<SnapshotFile>* files);

}  // namespace gander
