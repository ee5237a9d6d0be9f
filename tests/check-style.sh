#!/usr/bin/env bash
# Usage: tests/check-style.sh [--measure | --tidy BUILD_DIR] [FILE...]
#
# Checks the C++ style the repository's .clang-format describes (clang-format
# 14), on the files of tests/style-allowlist.txt (or the FILEs given):
#   (default)        fails, naming each file and its first differences, when
#                    clang-format would change a file (ctest `style`)
#   --measure        prints, for every .cc/.h of src/ and tests/ (or the FILEs), how many
#                    lines clang-format would change, and the total: how far
#                    a file is from the style before it joins the allow-list
#   --tidy BUILD_DIR runs clang-tidy 14 (.clang-tidy) on the allow-listed .cc
#                    files with BUILD_DIR/compile_commands.json (slow: a few
#                    seconds a file; on demand, not in ctest)
# Fix a file with: clang-format-14 -i FILE
set -euo pipefail
cd "$(dirname "$0")/.."
format=${CLANG_FORMAT:-clang-format-14}
mode=check
build=""
case ${1:-} in
  --measure) mode=measure; shift ;;
  --tidy) mode=tidy; build=${2:?--tidy needs BUILD_DIR}; shift 2 ;;
esac
command -v "$format" >/dev/null || { echo "check-style: $format not found (apt-get install clang-format-14)" >&2; exit 2; }

files=("$@")
if (( ${#files[@]} == 0 )); then
  if [[ $mode == measure ]]; then
    mapfile -t files < <(find src tests -name '*.cc' -o -name '*.h' | sort)
  else
    mapfile -t files < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' tests/style-allowlist.txt)
  fi
fi

changed_lines() { "$format" --style=file "$1" | diff "$1" - | grep -c '^<' || true; }

case $mode in
  measure)
    total=0 lines=0 report=""
    for f in "${files[@]}"; do
      n=$(changed_lines "$f")
      report+=$(printf '%6d %s' "$n" "$f")$'\n'
      total=$((total + n)); lines=$((lines + $(wc -l <"$f")))
    done
    sort -rn <<<"${report%$'\n'}"
    echo "check-style: clang-format would change $total of $lines lines in ${#files[@]} files"
    ;;
  check)
    status=0
    for f in "${files[@]}"; do
      [[ -f $f ]] || { echo "check-style: $f (in tests/style-allowlist.txt) does not exist" >&2; status=1; continue; }
      if ! diff_text=$("$format" --style=file "$f" | diff -u "$f" -); then
        echo "check-style: $f is not formatted (clang-format-14 -i $f):" >&2
        head -20 <<<"$diff_text" >&2
        status=1
      fi
    done
    (( status == 0 )) && echo "check-style: ${#files[@]} files formatted as .clang-format says"
    exit "$status"
    ;;
  tidy)
    tidy=${CLANG_TIDY:-clang-tidy-14}
    [[ -f $build/compile_commands.json ]] ||
      { echo "check-style: $build/compile_commands.json missing (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2; exit 2; }
    status=0
    for f in "${files[@]}"; do
      [[ $f == *.cc ]] || continue
      "$tidy" --quiet -p "$build" "$f" || status=1
    done
    exit "$status"
    ;;
esac
