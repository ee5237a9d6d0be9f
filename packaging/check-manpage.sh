#!/usr/bin/env bash
# Usage: packaging/check-manpage.sh BINARY MANPAGE
#
# Keeps the hand-written man page in sync with `BINARY --help`. Fails (exit 1)
# when anything the help shows is not documented in MANPAGE:
#   - every command of the "Commands:" list (and `plan`, listed with the flags)
#     must be an entry (.TP tag) of the COMMANDS section;
#   - every flag shown anywhere in the help (-dir, --json, -s, --retry-jitter, ...)
#     must be an entry of the OPTIONS section (-name and --name are the same flag,
#     as gander accepts both);
#   - every driver of the "Drivers:" line must be an entry tag of the page;
#   - every GANDER_*/GOOSE_* variable the help names must be an entry of ENVIRONMENT;
#   - the version in .TH must be the one `BINARY --version` prints;
#   - `man --warnings -l MANPAGE` (if man-db is installed) prints no warning.
# And the other way round: an entry of COMMANDS or OPTIONS that the help does
# not show (a removed command or flag) is an error too.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BINARY MANPAGE" >&2
  exit 2
fi
binary=$1
manpage=$2
[[ -x $binary ]] || { echo "check-manpage: $binary is not an executable" >&2; exit 2; }
[[ -r $manpage ]] || { echo "check-manpage: cannot read $manpage" >&2; exit 2; }

# shellcheck source-path=SCRIPTDIR source=help-lists.sh
source "$(dirname "${BASH_SOURCE[0]}")/help-lists.sh"
gander_help_lists "$binary" || exit 1

# --- what the man page documents ---------------------------------------------
# Source with comments dropped, \- as -, font and other escapes removed, quotes
# and macro names removed: one "SECTION<TAB>tag words" line per .TP entry.
normalize() {
  sed -E -e '/^\.\\"/d' -e 's/\\-/-/g' -e 's/\\f(\[[^]]*\]|\(..|.)//g' -e 's/\\&//g' \
         -e 's/\\\(aq/'"'"'/g' -e 's/\\e/\\/g' "$manpage"
}
man_tags=$(normalize | awk '
  /^\.SH / { section = $0; sub(/^\.SH +/, "", section); gsub(/"/, "", section); next }
  /^\.TP/ { want_tag = 1; next }
  want_tag {
    want_tag = 0
    line = $0
    sub(/^\.[A-Z]+ */, "", line)          # .B / .BI / .BR ... macro name
    gsub(/["\[\],|]/, " ", line)         # quotes, brackets, commas
    print section "\t" line
  }
')
tag_words() {  # SECTION (or "" for all) -> one word per line
  awk -F'\t' -v want="$1" 'want == "" || $1 == want { print $2 }' <<<"$man_tags" | tr -s ' \t' '\n' | sed '/^$/d'
}
tag_first_words() {  # SECTION -> first word of each entry
  awk -F'\t' -v want="$1" '$1 == want { split($2, w, " "); print w[1] }' <<<"$man_tags"
}

man_commands=$(tag_first_words COMMANDS | sort -u)
man_flags=$(tag_words OPTIONS | { grep -E '^-' || true; } | canonical_flags)
man_all_tags=$(tag_words "" | sort -u)
man_env=$(tag_words ENVIRONMENT | sort -u)
man_version=$(grep -E '^\.TH ' "$manpage" | grep -oE '"gander [^"]*"' | tr -d '"' | awk '{ print $2 }' || true)

# --- compare -------------------------------------------------------------------
status=0
fail() { echo "check-manpage: $*" >&2; status=1; }
missing() {  # WHAT EXPECTED FOUND
  local item
  while IFS= read -r item; do
    [[ -n $item ]] || continue
    grep -qxF -- "$item" <<<"$3" || fail "$1 '$item'"
  done <<<"$2"
}
count() { sed '/^$/d' <<<"$1" | wc -l; }

missing "command shown by --help but not an entry of COMMANDS in $manpage:" "$help_commands" "$man_commands"
missing "flag shown by --help but not an entry of OPTIONS in $manpage:" "$(canonical_flags <<<"$help_flags")" "$man_flags"
missing "driver shown by --help but not an entry in $manpage:" "$help_drivers" "$man_all_tags"
missing "variable shown by --help but not an entry of ENVIRONMENT in $manpage:" "$help_env" "$man_env"
missing "entry of COMMANDS in $manpage that --help does not list:" "$man_commands" "$help_commands"
missing "entry of OPTIONS in $manpage that --help does not show:" "$man_flags" "$(canonical_flags <<<"$help_flags")"
[[ $man_version == "$help_version" ]] ||
  fail "version in .TH of $manpage is '${man_version}', '$binary --version' says '$help_version'"

# It renders without warnings (where man-db is installed).
if command -v man >/dev/null; then
  warnings=$(MANWIDTH=80 man --warnings -l "$manpage" 2>&1 >/dev/null) || fail "man -l $manpage failed: $warnings"
  [[ -z $warnings ]] || fail "man --warnings -l $manpage: $warnings"
else
  echo "check-manpage: man not installed: rendering not checked"
fi

if (( status == 0 )); then
  echo "check-manpage: $manpage documents all $(count "$help_commands") commands, $(count "$help_flags") flags," \
       "$(count "$help_drivers") drivers and $(count "$help_env") variables of $binary --help (version $help_version)"
fi
exit "$status"
