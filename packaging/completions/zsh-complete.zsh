#!/usr/bin/env zsh
# Test helper, not installed: prints the matches zsh's completion system offers
# for a command line, one per line, using the completion functions in DIR.
#   zsh packaging/completions/zsh-complete.zsh DIR 'gander sqlite3 app.db st'
# Runs a private interactive zsh in a pseudo-terminal (zsh/zpty), types the line
# and a TAB, and records every match added with compadd.
emulate -L zsh
(( $# == 2 )) || { print -u2 "usage: $0 COMPLETION_DIR 'COMMAND LINE'"; exit 2 }
zmodload zsh/zpty || exit 2
local dir=${1:A} line=$2
local dump=$(mktemp -d)
trap 'zpty -d gander_complete 2>/dev/null; rm -rf -- $dump' EXIT

zpty gander_complete zsh -f -i
# Set-up, as one line: the completion system with only DIR added, TAB bound to
# complete-word, and compadd wrapped to print each match after a marker. Each
# marker is spelled in two quoted halves, so the terminal's echo of this line
# never contains it: only zsh running the line prints it (on a loaded machine
# the echo can arrive after the first drain below).
zpty -w gander_complete "PROMPT=''; RPROMPT=''; unsetopt beep; fpath=(${(q)dir} \$fpath); \
autoload -Uz compinit && compinit -u -d ${(q)dump}/zcompdump; \
bindkey '^I' complete-word; \
zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false; \
compadd() { \
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; \
  local -a __hits; builtin compadd -A __hits \"\$@\"; \
  local __h; for __h in \$__hits; do print -r -- \"@@ma\"\"tch:\$__h\"; done; \
  builtin compadd \"\$@\"; }; \
comppostfuncs=( __done ); __done() { print -r -- '@@do''ne'; exit }; print -r -- '@@rea''dy'"

local out
while zpty -r -t gander_complete out; do :; done
# Wait for the set-up to finish (compinit can take a moment).
local waited=0 ready=0
while (( waited < 1200 )); do
  if zpty -r -t gander_complete out '*@@ready*'; then ready=1; break; fi
  sleep 0.05; (( waited++ ))
done
(( ready )) || { print -u2 "zsh-complete: zsh did not start"; exit 2 }

zpty -w -n gander_complete "$line"$'\t'
local all="" chunk
waited=0
while (( waited < 1200 )); do
  if zpty -r -t gander_complete chunk; then
    all+=$chunk
    [[ $all == *@@done* ]] && break
  else
    sleep 0.05; (( waited++ ))
  fi
done
[[ $all == *@@done* ]] || { print -u2 "zsh-complete: no completion finished for: $line"; exit 2 }
# A match can follow the echoed command line on the same line: split at markers.
all=${all//@@match:/$'\n'@@match:}
local l
for l in ${(f)all}; do
  l=${l%$'\r'}
  [[ $l == @@match:* ]] && print -r -- ${l#@@match:}
done | sort -u
exit 0
