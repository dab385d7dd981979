#!/usr/bin/env bash
# Compile cost in instructions (issue 4): what g++ -O2 executes to compile the same units as
# compile_cost.sh, counted by valgrind (cachegrind without its cache model), over every
# process the driver starts (cc1plus, as).
#
# Why next to the CPU times: on a shared machine the least of three CPU times still moves by
# several percent from one run to the next, which hides a regression (or a gain) of that
# size; the instructions a compiler executes for a given file and flags do not move. They are
# no substitute for the times (the budget is in CPU seconds, and the units differ in memory
# traffic), so the table gives both readings side by side: instructions as a multiple of the
# describe unit's, and that multiple times the 6.5 s the describe unit took on the issue's
# machine.
#
# Slow: the compiler runs many times slower under valgrind (about 4 minutes on two
# cores for the four units). The count does not depend on load, so the units run in parallel,
# JOBS at a time (default: the number of cores).
#
# --check is the budget as a test (meson test --suite compile-budget; CI runs it): only the
# describe unit and the header-only decoding unit, plus one plain compile of the latter for
# its peak RSS; exits 1 when the decoding unit is over 10 s scaled in instructions or over
# 600 MiB. A check on CPU seconds would fail or pass with the machine's load; this one fails
# only when the code costs more to compile. BUDGET_S and BUDGET_MIB (default 10 and 600)
# override the budget, e.g. to see the check fail.
# Usage: bash benchmarks/compile_instructions.sh [--readme | --check]   (from anywhere)
set -euo pipefail
# meson test sets MALLOC_PERTURB_, which makes glibc fill every block malloc hands out or
# takes back: 14% more instructions in the compiler, and not the same 14% for every unit.
unset MALLOC_PERTURB_
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v valgrind >/dev/null || {
  echo "compile_instructions.sh: valgrind is needed (apt-get install valgrind)" >&2
  exit 1
}

flags=(-std=c++17 -O2 -Wall -Wextra -Wpedantic -I"$root/include" -I"$here" -c)
mode=${1:-}
case "$mode" in
"" | --readme | --check) ;;
*)
  echo "usage: bash benchmarks/compile_instructions.sh [--readme | --check]" >&2
  exit 2
  ;;
esac
units=("compile_cost_describe_tu.cpp|$here/compile_cost_describe_tu.cpp|"
  "compile_cost_tu.cpp|$here/compile_cost_tu.cpp|")
if [ "$mode" != --check ]; then
  units+=("compile_cost_tu.cpp, separate compilation|$here/compile_cost_tu.cpp|-DCONFORM_SEPARATE_COMPILATION"
    "tools/conform_src.cpp (once per program)|$root/tools/conform_src.cpp|-DCONFORM_SEPARATE_COMPILATION")
fi
jobs=${JOBS:-$(nproc)}
budget_s=${BUDGET_S:-10}
budget_mib=${BUDGET_MIB:-600}

count() { # index source extra: writes the summed instruction count to $work/<index>.count
  local log="$work/$1.log"
  # shellcheck disable=SC2086
  valgrind --tool=cachegrind --cache-sim=no --trace-children=yes \
    --cachegrind-out-file=/dev/null --log-file="$log.%p" \
    g++ "${flags[@]}" $3 "$2" -o "$work/$1.o" >/dev/null 2>&1 || {
    echo "compile_instructions.sh: compiling $2 failed" >&2
    return 1
  }
  cat "$log".* | sed -nE 's/.*I +refs: +([0-9,]+).*/\1/p' | tr -d , |
    awk '{ s += $1 } END { print s }' >"$work/$1.count"
}

pids=()
for i in "${!units[@]}"; do
  IFS='|' read -r _ source extra <<<"${units[$i]}"
  count "$i" "$source" "$extra" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait "${pids[0]}"
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

# The budget's other half, peak memory: one plain compile (RSS hardly moves with load).
rss_mib=""
if [ "$mode" = --check ]; then
  rss_kib=$( { /usr/bin/time -f '%M' g++ "${flags[@]}" "$here/compile_cost_tu.cpp" \
    -o "$work/rss.o" 2>&1 >/dev/null; } | tail -1)
  rss_mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.0f", k / 1024 }')
fi

over=0
version=$(g++ --version | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
reference=$(cat "$work/0.count")
rows=()
for i in "${!units[@]}"; do
  IFS='|' read -r tu source _ <<<"${units[$i]}"
  n=$(cat "$work/$i.count")
  multiple=$(awk -v c="$n" -v r="$reference" 'BEGIN { printf "%.2f", c / r }')
  scaled=$(awk -v m="$multiple" 'BEGIN { printf "%.1f", m * 6.5 }')
  verdict=""
  if [ "${source##*/}" = compile_cost_tu.cpp ]; then
    if awk -v c="$scaled" -v b="$budget_s" 'BEGIN { exit !(c <= b) }'; then
      verdict="within the $budget_s s budget, in instructions"
    else
      verdict="**over** the $budget_s s budget, in instructions"
      over=1
    fi
  fi
  billions=$(awk -v c="$n" 'BEGIN { printf "%.2f", c / 1e9 }')
  rows+=("| $tu | g++ $version -O2 | $billions | $multiple | $scaled | $verdict |")
done

table=$(
  echo "Compiler instructions, $(date -u +%Y-%m-%d) (valgrind, g++ driver, cc1plus and as; \"x describe\":" \
    "multiple of the describe unit's count; \"scaled\": that multiple times 6.5 s):"
  echo
  echo "| translation unit | compiler | instructions (10^9) | x describe | scaled s | |"
  echo "|---|---|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"

if [ "$mode" = --check ]; then
  echo
  echo "peak RSS of compile_cost_tu.cpp: $rss_mib MiB (budget $budget_mib)"
  if [ "$rss_mib" -gt "$budget_mib" ]; then
    over=1
  fi
  if [ "$over" -ne 0 ]; then
    echo "compile_instructions.sh: the decoding unit is over issue 4's compile budget" >&2
    exit 1
  fi
  exit 0
fi

if [ "$mode" = --readme ]; then
  printf '%s\n' "$table" | python3 "$here/readme_section.py" compile-instructions
fi
exit 0
