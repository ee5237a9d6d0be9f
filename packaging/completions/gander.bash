# bash completion for gander(1)                               -*- shell-script -*-
#
#   gander [flags] DRIVER DBSTRING COMMAND [args]
#   gander [flags] COMMAND [args]      (DRIVER and DBSTRING from the environment)
#
# Completes flags anywhere on the line (goose's -dir and --dir spellings),
# drivers, a SQLite database file, commands, the commands after `plan` and
# `fleet`, migration versions (from the files in -dir) after up-to, down-to,
# force, history, --expect-version, --from and --only-new, the words of audit,
# snapshot, --direction, --in-flight, --engine and --format, compare's and
# lint's database, and files after --targets and --fleet-state.
# Standalone: does not need the bash-completion package's helpers.
# packaging/check-completions.sh keeps the lists below in sync with `gander --help`.

_gander_drivers="sqlite3 sqlite postgres pgx postgresql mysql mariadb"
_gander_commands="up up-by-one up-to down down-to redo reset status version create fix validate plan repair resume force history audit snapshot verify datasum compare schema env init fleet lint"
# The commands that `plan` (--dry-run) shows without running.
_gander_plan_commands="up up-by-one up-to down down-to redo reset"
# The commands that `fleet` runs on every target.
_gander_fleet_commands="status version validate plan verify history schema datasum up up-by-one up-to down down-to
  redo resume"
# Flags as --help shows them (goose spells the first ones with one dash) ...
_gander_flags="-dir -table -allow-missing -no-versioning -no-color -env -timeout -certfile -ssl-cert -ssl-key -s -v -h --json --yes --steps --dry-run
  --expect-version --allow-drift --atomic --no-lint --allow-no-down --snapshot-dir --since --direction --data --from --only-new
  --allow-nonempty --in-flight --config --metrics-file --lock-timeout --statement-timeout --migration-timeout --max-retries --retry-base-delay --retry-multiplier
  --retry-jitter --targets --select --parallel --canary --max-failures --max-failure-rate --fleet-state
  --engine --format --strict --allow-unsafe-force --max-file-mb --version --help"
# ... and all the long ones with two dashes, offered once "--" is typed.
_gander_long_flags="--dir --table --allow-missing --no-versioning --no-color --env --timeout --certfile --ssl-cert --ssl-key --json --yes --steps --dry-run
  --expect-version --allow-drift --atomic --no-lint --allow-no-down --snapshot-dir --since --direction --data --from --only-new
  --allow-nonempty --in-flight --config --metrics-file --lock-timeout --statement-timeout --migration-timeout --max-retries --retry-base-delay --retry-multiplier
  --retry-jitter --targets --select --parallel --canary --max-failures --max-failure-rate --fleet-state
  --engine --format --strict --allow-unsafe-force --max-file-mb --version --help"
# Flags that take a value (the next word).
_gander_value_flags="dir table env timeout certfile ssl-cert ssl-key steps expect-version lock-timeout statement-timeout migration-timeout max-retries
  retry-base-delay retry-multiplier retry-jitter snapshot-dir since direction from only-new in-flight config metrics-file
  targets select parallel canary max-failures max-failure-rate fleet-state engine format max-file-mb"

# _gander_takes_value WORD: WORD is a flag (-x or --x) whose value is the next word.
_gander_takes_value() {
  local name=${1#-}
  name=${name#-}
  [[ $1 == -* && $1 != *=* && " ${_gander_value_flags//$'\n'/ } " == *" $name "* ]]
}

# _gander_versions DIR: the migration versions found in DIR.
_gander_versions() {
  local file base
  for file in "$1"/*.sql; do
    [[ -e $file ]] || continue
    base=${file##*/}
    [[ $base =~ ^([0-9]+)_ ]] && printf '%s\n' "${BASH_REMATCH[1]}"
  done | sort -u
}

# _gander_dir: the migrations folder given on the line (-dir x, --dir=x, ...),
# else from the environment, else ".".
_gander_dir() {
  local dir=${GANDER_MIGRATION_DIR:-${GOOSE_MIGRATION_DIR:-.}}
  local i word
  for (( i = 1; i < ${#COMP_WORDS[@]}; i++ )); do
    (( i == COMP_CWORD )) && continue
    word=${COMP_WORDS[i]}
    if [[ $word == -dir=?* || $word == --dir=?* ]]; then
      dir=${word#*=}
    elif [[ $word == -dir || $word == --dir ]] && (( i + 1 != COMP_CWORD )); then
      if [[ ${COMP_WORDS[i+1]} == "=" ]]; then
        (( i + 2 != COMP_CWORD )) && dir=${COMP_WORDS[i+2]}
      else
        dir=${COMP_WORDS[i+1]}
      fi
    fi
  done
  printf '%s\n' "${dir/#\~/$HOME}"
}

# _gander_words_before: sets the array `before` to the words before the one being
# completed, as the shell will pass them. bash also splits words at the
# characters of COMP_WORDBREAKS (":" and "=" among them), so an unquoted
# postgres://db/app arrives as "postgres" ":" "//db/app"; COMP_LINE tells
# which pieces had no space between them.
_gander_words_before() {
  before=()
  if [[ -z ${COMP_LINE-} ]]; then
    before=("${COMP_WORDS[@]:0:COMP_CWORD}")
    return 0
  fi
  local line=$COMP_LINE i word space
  for (( i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++ )); do
    word=${COMP_WORDS[i]}
    space=0
    while [[ $line == [[:space:]]* ]]; do
      line=${line:1}
      space=1
    done
    if (( i == 0 || space )); then
      (( i == COMP_CWORD )) && return 0
      before+=("$word")
    else
      # glued to the previous piece; if that is the word being completed, the
      # piece before it is part of it too
      if (( i == COMP_CWORD )); then
        unset 'before[${#before[@]}-1]'
        return 0
      fi
      before[${#before[@]}-1]+=$word
    fi
    line=${line:${#word}}
  done
}

_gander() {
  COMPREPLY=()
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=""
  (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}

  # --flag=value: bash splits at "=" (COMP_WORDBREAKS), so "=" is its own word.
  local flag_of_value="" value_prefix=""
  if [[ $cur == "=" ]]; then
    flag_of_value=$prev
    cur=""
  elif [[ $prev == "=" ]] && (( COMP_CWORD > 1 )); then
    flag_of_value=${COMP_WORDS[COMP_CWORD-2]}
  elif _gander_takes_value "$prev"; then
    flag_of_value=$prev
  elif [[ $cur == -*=* ]]; then
    # One word "--dir=x" (COMP_WORDBREAKS without "="): complete x, keep the prefix.
    flag_of_value=${cur%%=*}
    value_prefix=$flag_of_value=
    cur=${cur#*=}
  fi
  if [[ -n $flag_of_value ]] && _gander_takes_value "$flag_of_value"; then
    case ${flag_of_value#-} in
      dir | -dir | snapshot-dir | -snapshot-dir)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -P "$value_prefix" -- "$cur")
        ;;
      config | -config | metrics-file | -metrics-file | targets | -targets | fleet-state | -fleet-state)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -P "$value_prefix" -- "$cur")
        ;;
      direction | -direction)
        mapfile -t COMPREPLY < <(compgen -W "up down" -P "$value_prefix" -- "$cur")
        ;;
      in-flight | -in-flight)
        mapfile -t COMPREPLY < <(compgen -W "done redo" -P "$value_prefix" -- "$cur")
        ;;
      engine | -engine)
        mapfile -t COMPREPLY < <(compgen -W "postgres mysql sqlite" -P "$value_prefix" -- "$cur")
        ;;
      format | -format)
        mapfile -t COMPREPLY < <(compgen -W "github gitlab" -P "$value_prefix" -- "$cur")
        ;;
      expect-version | -expect-version | from | -from | only-new | -only-new)
        mapfile -t COMPREPLY < <(compgen -W "0 $(_gander_versions "$(_gander_dir)")" -P "$value_prefix" -- "$cur")
        ;;
    esac
    return 0
  fi

  # Flags, anywhere on the line.
  if [[ $cur == --* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_gander_long_flags" -- "$cur")
    return 0
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$_gander_flags" -- "$cur")
    return 0
  fi

  # The positional words before the cursor (flags and their values skipped).
  local -a before positional=()
  _gander_words_before
  local i word
  for (( i = 1; i < ${#before[@]}; i++ )); do
    word=${before[i]}
    if [[ $word == "=" ]]; then
      (( i++ ))   # "--dir = x" (words without COMP_LINE): x is the flag's value
    elif _gander_takes_value "$word" && [[ ${before[i+1]-} != "=" ]]; then
      (( i++ ))
    elif [[ $word != -* ]]; then
      positional+=("$word")
    fi
  done
  local dir
  dir=$(_gander_dir)

  local n=${#positional[@]}
  local command_at=2
  if (( n > 0 )) && [[ " $_gander_commands " == *" ${positional[0]} "* ]]; then
    command_at=0
  fi

  if (( n == 0 )); then
    # DRIVER, or a COMMAND with DRIVER and DBSTRING from the environment.
    mapfile -t COMPREPLY < <(compgen -W "$_gander_drivers $_gander_commands" -- "$cur")
  elif (( command_at == 2 && n == 1 )); then
    # DBSTRING: a file for SQLite; a URL or key=value string for the servers.
    case ${positional[0]} in
      sqlite3 | sqlite)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        ;;
    esac
  elif (( n == command_at )); then
    mapfile -t COMPREPLY < <(compgen -W "$_gander_commands" -- "$cur")
  else
    local at=$command_at                  # where the command being completed is in positional
    local command=${positional[at]}
    local argn=$(( n - command_at - 1 ))   # index of the word being completed among the command's args
    if [[ $command == fleet ]]; then
      # fleet COMMAND [args]
      if (( argn == 0 )); then
        mapfile -t COMPREPLY < <(compgen -W "$_gander_fleet_commands" -- "$cur")
        return 0
      fi
      (( at++ ))
      command=${positional[at]}
      (( argn-- ))
    fi
    if [[ $command == plan ]]; then
      # plan COMMAND [args]
      if (( argn == 0 )); then
        mapfile -t COMPREPLY < <(compgen -W "$_gander_plan_commands" -- "$cur")
        return 0
      fi
      (( at++ ))
      command=${positional[at]}
      (( argn-- ))
    fi
    case $command in
      up-to)
        (( argn == 0 )) && mapfile -t COMPREPLY < <(compgen -W "$(_gander_versions "$dir")" -- "$cur")
        ;;
      down-to | force)
        (( argn == 0 )) && mapfile -t COMPREPLY < <(compgen -W "0 $(_gander_versions "$dir")" -- "$cur")
        ;;
      create)
        (( argn == 1 )) && mapfile -t COMPREPLY < <(compgen -W "sql" -- "$cur")
        ;;
      lint)
        # lint [DRIVER DBSTRING]
        if (( argn == 0 )); then
          mapfile -t COMPREPLY < <(compgen -W "$_gander_drivers" -- "$cur")
        elif (( argn == 1 )) && [[ ${positional[at+1]} == sqlite3 || ${positional[at+1]} == sqlite ]]; then
          compopt -o filenames 2>/dev/null
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
        ;;
      history)
        (( argn == 0 )) && mapfile -t COMPREPLY < <(compgen -W "$(_gander_versions "$dir")" -- "$cur")
        ;;
      audit)
        (( argn == 0 )) && mapfile -t COMPREPLY < <(compgen -W "verify" -- "$cur")
        ;;
      compare)
        # compare [DRIVER_B] DBSTRING_B (DRIVER_B defaults to DRIVER)
        local driver_b=${positional[0]}
        (( command_at == 0 )) && driver_b=${GANDER_DRIVER:-${GOOSE_DRIVER:-}}
        if (( argn == 0 )); then
          mapfile -t COMPREPLY < <(compgen -W "$_gander_drivers" -- "$cur")
        elif (( argn == 1 )) && [[ " $_gander_drivers " == *" ${positional[at+1]} "* ]]; then
          driver_b=${positional[at+1]}
        else
          driver_b=""
        fi
        if [[ $driver_b == sqlite3 || $driver_b == sqlite ]]; then
          compopt -o filenames 2>/dev/null
          mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
        fi
        ;;
      snapshot)
        if (( argn == 0 )); then
          mapfile -t COMPREPLY < <(compgen -W "show diff" -- "$cur")
        elif (( argn == 1 )) && [[ ${positional[at+1]} == show ]]; then
          mapfile -t COMPREPLY < <(compgen -W "latest" -- "$cur")
        fi
        ;;
    esac
  fi
  return 0
}

complete -F _gander gander
