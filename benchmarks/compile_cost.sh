#!/usr/bin/env bash
# Compile cost of decoding the full ModelArts response (issue 4): CPU seconds (user+system),
# peak RSS and object size of two translation units, with g++ and clang++ at -O2:
#   compile_cost_tu.cpp           conform::decode<training_job>(text)
#   compile_cost_describe_tu.cpp  Boost.JSON DOM + plain Describe walk (the comparison)
# Budget for the first with g++ -O2: <= 10 CPU s and <= 600 MiB. Prints a Markdown table;
# with --readme also replaces the compile-cost section of benchmarks/README.md.
# Compiles one file at a time: on two shared cores, parallel builds would distort the times.
# Usage: bash benchmarks/compile_cost.sh [--readme]   (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

flags=(-std=c++17 -O2 -Wall -Wextra -Wpedantic -I"$root/include" -I"$here" -c)
rows=()
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null || continue
  version=$("$cxx" --version | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
  for tu in compile_cost_tu.cpp compile_cost_describe_tu.cpp; do
    obj="$work/${tu%.cpp}.$cxx.o"
    read -r user sys rss < <( { /usr/bin/time -f '%U %S %M' "$cxx" "${flags[@]}" \
      "$here/$tu" -o "$obj" 2>&1 >/dev/null; } | tail -1)
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
    mib=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
    # size's Berkeley format: text data bss dec hex filename
    read -r text data bss _ < <(size "$obj" | tail -1)
    verdict=""
    if [ "$cxx" = g++ ] && [ "$tu" = compile_cost_tu.cpp ]; then
      if awk -v c="$cpu" -v m="$mib" 'BEGIN { exit !(c <= 10 && m <= 600) }'; then
        verdict="within budget (<= 10 s, <= 600 MiB)"
      else
        verdict="**over budget** (<= 10 s, <= 600 MiB)"
      fi
    fi
    rows+=("| $tu | $cxx $version -O2 | $cpu | $mib | $text | $data | $verdict |")
  done
done

table=$(
  echo "Compile cost, $(date -u +%Y-%m-%d), $(lscpu | sed -nE 's/^Model name: +//p'), one file at a time:"
  echo
  echo "| translation unit | compiler | CPU s | peak RSS MiB | text bytes | data bytes | |"
  echo "|---|---|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"

if [ "${1:-}" = "--readme" ]; then
  TABLE="$table" python3 - "$here/README.md" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- compile-cost:begin -->", "<!-- compile-cost:end -->"
if begin not in text or end not in text:
    sys.exit("compile_cost.sh: README.md lacks the compile-cost markers")
text = re.sub(re.escape(begin) + ".*?" + re.escape(end),
              lambda _: begin + "\n" + os.environ["TABLE"] + "\n" + end, text, flags=re.S)
open(path, "w", encoding="utf-8", newline="\n").write(text)
PY
fi
exit 0
