#!/usr/bin/env bash
# Usage: packaging/check-completions.sh [BINARY]
#
# Tests the shell completions in packaging/completions/ by running them on
# command lines and checking what they offer:
#   bash: gander.bash's _gander with COMP_WORDS/COMP_CWORD set, as bash does;
#   zsh:  _gander through zsh's real completion system in a pseudo-terminal
#         (completions/zsh-complete.zsh); skipped with a notice if zsh is not
#         installed, or fails if GANDER_REQUIRE_ZSH=1.
# Given BINARY, also checks both against `BINARY --help`: every command, driver
# and flag it shows must be offered, and nothing it does not show.
# Prints one line per check and "N passed, N failed"; exits 1 on any failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash_file=$here/completions/gander.bash
zsh_dir=$here/completions
examples=$here/../migrations-example   # migration files to complete versions from
binary=${1:-}

passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $*"; failed=$((failed + 1)); }

# complete_bash WORD...: what bash offers for the last WORD (the one being typed).
# With comp_line set, COMP_LINE is that line (bash sets it; the words are then
# split as bash splits them, at ":" and "=" too).
comp_line=""
complete_bash() {
  COMP_LINE_FOR_TEST=$comp_line bash --noprofile --norc -c '
    source "$1" || exit 2
    shift
    if [[ -n $COMP_LINE_FOR_TEST ]]; then
      COMP_LINE=$COMP_LINE_FOR_TEST
      COMP_POINT=${#COMP_LINE}
    fi
    COMP_WORDS=("$@")
    COMP_CWORD=$(( $# - 1 ))
    _gander
    (( ${#COMPREPLY[@]} == 0 )) || printf "%s\n" "${COMPREPLY[@]}"
  ' _ "$bash_file" "$@"
}

# complete_zsh WORD...: what zsh offers for the last WORD.
complete_zsh() {
  local line="$*"
  zsh -f "$zsh_dir/zsh-complete.zsh" "$zsh_dir" "$line"
}

# expect SHELL "WANTED ..." "FORBIDDEN ..." WORD...: the completions of WORD...
# in SHELL include every WANTED word and none of the FORBIDDEN ones.
expect() {
  local shell=$1 wanted=$2 forbidden=$3
  shift 3
  local got word bad=""
  if ! got=$("complete_$shell" "$@" 2>&1); then
    not_ok "$shell: '$*' -> completion failed: $got"
    return
  fi
  for word in $wanted; do
    grep -qxF -- "$word" <<<"$got" || bad+=" missing '$word';"
  done
  for word in $forbidden; do
    grep -qxF -- "$word" <<<"$got" && bad+=" unexpected '$word';"
  done
  if [[ -z $bad ]]; then
    ok "$shell: '$*' -> $(tr '\n' ' ' <<<"$got" | sed 's/ $//')"
  else
    not_ok "$shell: '$*' ->$bad got: $(tr '\n' ' ' <<<"$got")"
  fi
}

# The cases, for each shell ("" is the empty word being completed).
run_cases() {
  local shell=$1
  expect "$shell" "status" "stop" gander sqlite3 db.sqlite st
  expect "$shell" "--dry-run" "" gander sqlite3 db.sqlite status --dry
  expect "$shell" "--steps --statement-timeout" "--json" gander sqlite3 db.sqlite down --st
  expect "$shell" "-dir" "" gander -d
  expect "$shell" "sqlite3 postgres mysql mariadb up status" "" gander ""
  expect "$shell" "down-to redo" "status" gander -dir migrations postgres 'postgres://db/app' plan ""
  expect "$shell" "postgres mysql sqlite" "sqlite3" gander lint --engine ""
  if [[ -d $examples ]]; then
    expect "$shell" "00001 00006" "0" gander -dir "$examples" sqlite3 db.sqlite up-to ""
    expect "$shell" "0 00004" "" gander -dir "$examples" sqlite3 db.sqlite down-to ""
  fi
}

# sync_with_help SHELL: what SHELL offers matches what `BINARY --help` shows.
sync_with_help() {
  local shell=$1 got_commands got_drivers got_flags item missing="" extra=""
  got_commands=$("complete_$shell" gander sqlite3 db.sqlite "" | sort -u) || true
  got_drivers=$("complete_$shell" gander "" | sort -u) || true
  got_flags=$( { "complete_$shell" gander - || true; "complete_$shell" gander -- || true; } | canonical_flags)
  while IFS= read -r item; do
    [[ -n $item ]] && ! grep -qxF -- "$item" <<<"$got_commands" && missing+=" command '$item';"
  done <<<"$help_commands"
  while IFS= read -r item; do
    [[ -n $item ]] && ! grep -qxF -- "$item" <<<"$got_drivers" && missing+=" driver '$item';"
  done <<<"$help_drivers"
  while IFS= read -r item; do
    [[ -n $item ]] && ! grep -qxF -- "$item" <<<"$got_flags" && missing+=" flag '$item';"
  done < <(canonical_flags <<<"$help_flags")
  while IFS= read -r item; do
    [[ -n $item ]] && ! grep -qxF -- "$item" <<<"$help_commands" && extra+=" command '$item';"
  done <<<"$got_commands"
  while IFS= read -r item; do
    [[ -n $item ]] && ! grep -qxF -- "$item" <<<"$(canonical_flags <<<"$help_flags")" && extra+=" flag '$item';"
  done <<<"$got_flags"
  if [[ -z $missing && -z $extra ]]; then
    ok "$shell: offers exactly the $(wc -l <<<"$help_commands") commands, $(wc -l <<<"$help_drivers") drivers and $(canonical_flags <<<"$help_flags" | wc -l) flags of $binary --help"
  else
    not_ok "$shell: out of sync with $binary --help:${missing:+ not offered:$missing}${extra:+ offered but not in --help:$extra}"
  fi
}

# shellcheck source-path=SCRIPTDIR source=help-lists.sh
source "$here/help-lists.sh"
if [[ -n $binary ]]; then
  gander_help_lists "$binary" || exit 1
fi

# bash
if bash --noprofile --norc -n "$bash_file"; then ok "bash: $bash_file parses"; else not_ok "bash: $bash_file has a syntax error"; fi
run_cases bash
# An unquoted URL reaches bash's completion split at ":" (COMP_WORDBREAKS).
comp_line="gander postgres postgres://db/app st"
expect bash "status" "" gander postgres postgres : //db/app st
comp_line="gander --dir=$here/../migr"
expect bash "$here/../migrations-example" "" gander --dir = "$here/../migr"
comp_line=""
[[ -z $binary ]] || sync_with_help bash

# zsh
if command -v zsh >/dev/null; then
  if zsh -n "$zsh_dir/_gander"; then ok "zsh: $zsh_dir/_gander parses"; else not_ok "zsh: $zsh_dir/_gander has a syntax error"; fi
  run_cases zsh
  expect zsh "up down" "" gander sqlite3 db.sqlite history --direction=
  expect zsh "status" "" gander postgres postgres://db/app st
  [[ -z $binary ]] || sync_with_help zsh
elif [[ ${GANDER_REQUIRE_ZSH:-0} == 1 ]]; then
  not_ok "zsh: not installed (GANDER_REQUIRE_ZSH=1)"
else
  echo "# zsh not installed: the zsh completion was not tested (apt-get install zsh)"
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
