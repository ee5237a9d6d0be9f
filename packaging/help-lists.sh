# shellcheck shell=bash disable=SC2034  # sets variables for the scripts that source it
# Sourced by check-manpage.sh and check-completions.sh (bash): reads what
# `BINARY --help` shows, so that the man page and the completions can be checked
# against it.
#
#   gander_help_lists BINARY    sets, one item per line:
#     help_commands  first word of each entry of the "Commands:" block, and of
#                    the entries of "Flags:" that are not flags (plan)
#     help_flags     every -x / -name / --name token that starts a word, in
#                    the help or in any `BINARY COMMAND --help`
#     help_drivers   the names on the "Drivers:" line
#     help_env       the GANDER_*/GOOSE_* variables they name
#     help_version   the last word of `BINARY --version`
#   It returns 1 (with a message) when BINARY fails, or when a list comes out
#   too short to be real (the help's format changed and the checks would pass
#   on nothing).
#
#   canonical_flags    filter: -name and --name are one flag (gander accepts
#                      both); -x stays -x. Sorted, unique.

canonical_flags() { sed -E 's/^-{1,2}([A-Za-z0-9][A-Za-z0-9-]+)$/--\1/' | sort -u; }

gander_help_lists() {
  local binary=$1 help version_line
  help=$("$binary" --help) || { echo "${0##*/}: '$binary --help' failed" >&2; return 1; }
  version_line=$("$binary" --version) || { echo "${0##*/}: '$binary --version' failed" >&2; return 1; }

  # Entries of a block: lines indented by exactly two spaces after its heading
  # ("Commands:", "Flags:") up to the next blank line.
  _gander_block_entries() {
    awk -v heading="$1" '
      $0 == heading { inside = 1; next }
      inside && /^$/ { inside = 0 }
      inside && /^  [^ ]/ { print $1 }
    ' <<<"$help"
  }
  help_commands=$( { _gander_block_entries "Commands:"; _gander_block_entries "Flags:" | grep -v '^-' || true; } | sort -u)
  # Flags and variables may also appear only in `BINARY COMMAND --help`.
  local command
  for command in $help_commands; do
    [[ $command == plan ]] && continue   # `plan --help` is up's help
    help+=$'\n'$("$binary" "$command" --help) ||
      { echo "${0##*/}: '$binary $command --help' failed" >&2; return 1; }
  done
  # Flags start a word, possibly after "(", "[", "|" or ",": "[--in-flight done|redo]"
  # gives --in-flight; the "-to" of "up-to" is no flag.
  help_flags=$(grep -oE '(^|[][[:space:](,|])--?[A-Za-z][A-Za-z0-9-]*' <<<"$help" \
    | sed -E 's/^[][[:space:](,|]//' | sort -u || true)
  help_drivers=$(grep -E '^Drivers:' <<<"$help" | sed 's/^Drivers://' | grep -oE '[a-z][a-z0-9]*' | sort -u || true)
  help_env=$(grep -oE '\b(GANDER|GOOSE)_[A-Z][A-Z0-9_]*[A-Z0-9]\b' <<<"$help" | sort -u || true)
  help_version=${version_line##* }

  local ok=0 n
  n=$(sed '/^$/d' <<<"$help_commands" | wc -l)
  (( n >= 10 )) || { echo "${0##*/}: found only $n commands in '$binary --help' (format changed?)" >&2; ok=1; }
  n=$(sed '/^$/d' <<<"$help_flags" | wc -l)
  (( n >= 10 )) || { echo "${0##*/}: found only $n flags in '$binary --help' (format changed?)" >&2; ok=1; }
  n=$(sed '/^$/d' <<<"$help_drivers" | wc -l)
  (( n >= 3 )) || { echo "${0##*/}: found only $n drivers in '$binary --help' (format changed?)" >&2; ok=1; }
  return "$ok"
}
