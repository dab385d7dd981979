#!/usr/bin/env bash
# Compile cost of decoding the full ModelArts response (issue 4): CPU seconds (user+system),
# peak RSS and object size of these translation units, with g++ and clang++ at -O2:
#   compile_cost_describe_tu.cpp  Boost.JSON DOM + plain Describe walk (the comparison)
#   compile_cost_tu.cpp           conform::decode<training_job>(text), header-only (default)
#   ... separate                  the same file under CONFORM_SEPARATE_COMPILATION: the core
#                                 is only declared there
#   tools/conform_src.cpp         that core, compiled once per program (<conform/src.hpp>)
# Budget for compile_cost_tu.cpp with g++ -O2: <= 10 CPU s and <= 600 MiB on the issue's
# machine, where the describe unit took 6.5 s; the table also gives each unit's time as a
# multiple of that unit's, and that multiple times 6.5 s, since machines differ (this one is
# often slower). Prints a Markdown table; with --readme also replaces the compile-cost
# section of benchmarks/README.md.
# Compiles one file at a time (on two shared cores, parallel builds would distort the times),
# each RUNS times (default 3), keeping the least CPU time: other load only ever adds to it.
# Usage: bash benchmarks/compile_cost.sh [--readme]   (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

flags=(-std=c++17 -O2 -Wall -Wextra -Wpedantic -I"$root/include" -I"$here" -c)
runs=${RUNS:-3}
rows=()
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null || continue
  version=$("$cxx" --version | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  reference="" # the describe unit's CPU s with this compiler
  # label|source|extra flags
  for unit in "compile_cost_describe_tu.cpp|$here/compile_cost_describe_tu.cpp|" \
    "compile_cost_tu.cpp|$here/compile_cost_tu.cpp|" \
    "compile_cost_tu.cpp, separate compilation|$here/compile_cost_tu.cpp|-DCONFORM_SEPARATE_COMPILATION" \
    "tools/conform_src.cpp (once per program)|$root/tools/conform_src.cpp|-DCONFORM_SEPARATE_COMPILATION"; do
    IFS='|' read -r tu source extra <<<"$unit"
    obj="$work/unit.$cxx.o"
    cpu="" mib=0
    for ((run = 0; run < runs; ++run)); do
      # shellcheck disable=SC2086
      read -r user sys rss < <( { /usr/bin/time -f '%U %S %M' "$cxx" "${flags[@]}" $extra \
        "$source" -o "$obj" 2>&1 >/dev/null; } | tail -1)
      this=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
      if [ -z "$cpu" ] || awk -v a="$this" -v b="$cpu" 'BEGIN { exit !(a < b) }'; then
        cpu=$this
      fi
      this_mib=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
      if [ "$this_mib" -gt "$mib" ]; then mib=$this_mib; fi
    done
    [ -n "$reference" ] || reference=$cpu
    multiple=$(awk -v c="$cpu" -v r="$reference" 'BEGIN { printf "%.2f", c / r }')
    scaled=$(awk -v m="$multiple" 'BEGIN { printf "%.1f", m * 6.5 }')
    # size's Berkeley format: text data bss dec hex filename
    read -r text data _ < <(size "$obj" | tail -1)
    verdict=""
    if [ "$cxx" = g++ ] && [ "${source##*/}" = compile_cost_tu.cpp ]; then
      if awk -v c="$scaled" -v m="$mib" 'BEGIN { exit !(c <= 10 && m <= 600) }'; then
        verdict="within budget (<= 10 s scaled, <= 600 MiB)"
      else
        verdict="**over budget** (<= 10 s scaled, <= 600 MiB)"
      fi
    fi
    rows+=("| $tu | $cxx $version -O2 | $cpu | $multiple | $scaled | $mib | $text | $data | $verdict |")
  done
done

table=$(
  echo "Compile cost, $(date -u +%Y-%m-%d), $(lscpu | sed -nE 's/^Model name: +//p'), one file at a time," \
    "least CPU time of $runs runs (\"x describe\": multiple of the describe unit's time with the" \
    "same compiler; \"scaled\": that multiple times the 6.5 s the describe unit took on the issue's machine):"
  echo
  echo "| translation unit | compiler | CPU s | x describe | scaled s | peak RSS MiB | text bytes | data bytes | |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"

if [ "${1:-}" = "--readme" ]; then
  printf '%s\n' "$table" | python3 "$here/readme_section.py" compile-cost
fi
exit 0
