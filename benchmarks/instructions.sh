#!/usr/bin/env bash
# Instructions per document for each reader and fixture, counted by callgrind: unlike times,
# these do not move with the load of a shared machine (branch mispredictions and cache misses
# are not in them, so they complement the timed table, never replace it).
# Per document = (count at 5N iterations - count at N) / 4N: start-up and loading cancel out.
# `ndjson` is the mean over the first 200 documents of the stream (the whole stream would take
# callgrind about an hour per reader).
# Usage: bash benchmarks/instructions.sh BUILDDIR [--readme]   (BUILDDIR holds large.json)
set -euo pipefail
build=${1:?usage: instructions.sh BUILDDIR [--readme]}
# shellcheck source=benchmarks/profile_fixtures.sh
source "$(dirname "$0")/profile_fixtures.sh" # here, root, loop, fixtures, fmt
readers=(conform.text conform.text.into boost.dom boost.sax_null conform.dom boost.dom_describe)

count() { # reader iterations file lines [max_diagnostics] -> Ir (lines 0: one document)
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$loop" --reader "$1" --lines "$4" \
    --max-diagnostics "${5:-1000}" "$2" "$3" 2>&1 |
    sed -nE 's/.*Collected : ([0-9]+).*/\1/p; s/.*I +refs: +([0-9,]+).*/\1/p' | tr -d , | head -1
}

declare -A per_doc
for f in "${fixtures[@]}"; do
  IFS=: read -r name file n lines <<<"$f"
  lines=${lines:-0}
  docs=$((lines > 0 ? lines : 1))
  for r in "${readers[@]}"; do
    a=$(count "$r" "$n" "$file" "$lines")
    b=$(count "$r" $((5 * n)) "$file" "$lines")
    per_doc[$name/$r]=$(((b - a) / (4 * n * docs)))
  done
done

# The fixtures with findings once more with none kept (--max-diagnostics 0: every finding
# counted, none recorded): what validating them costs without the diagnostics themselves.
for f in "${fixtures[@]}"; do
  IFS=: read -r name file n lines <<<"$f"
  if [ "$name" = errors ] || [ "$name" = unknown ]; then
    a=$(count conform.text "$n" "$file" 0 0)
    b=$(count conform.text $((5 * n)) "$file" 0 0)
    per_doc[$name/none_kept]=$(((b - a) / (4 * n)))
    # The loop prints the number of diagnostics its documents produced (all kept).
    per_doc[$name/findings]=$("$loop" --reader conform.text 1 "$file" | sed -nE 's/.*: ([0-9]+)$/\1/p')
  fi
done

# Ratios are cut, not rounded, to two decimals: 0.996 shows as 0.99, never as a 1.00 it is not.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", int(100 * a / b + 1e-9) / 100 }'; }
table=$(
  echo "Instructions per document (callgrind, g++ $(g++ -dumpfullversion) -O3, $(date -u +%Y-%m-%d); ndjson: mean of the stream's first 200 documents):"
  echo
  echo "| fixture | conform.text | conform.text.into | boost.dom | boost.sax_null | conform.dom | boost.dom_describe | boost.dom / conform.text | sax_null / conform.text | sax_null / conform.text.into | dom_describe / conform.dom |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for f in "${fixtures[@]}"; do
    name=${f%%:*}
    t=${per_doc[$name/conform.text]} i=${per_doc[$name/conform.text.into]} d=${per_doc[$name/boost.dom]} s=${per_doc[$name/boost.sax_null]}
    cd_=${per_doc[$name/conform.dom]} w=${per_doc[$name/boost.dom_describe]}
    echo "| $name | $(fmt "$t") | $(fmt "$i") | $(fmt "$d") | $(fmt "$s") | $(fmt "$cd_") | $(fmt "$w") | $(ratio "$d" "$t") | $(ratio "$s" "$t") | $(ratio "$s" "$i") | $(ratio "$w" "$cd_") |"
  done
  echo
  echo "conform.text with every finding counted and none kept (\`--max-diagnostics 0\`: only the closing \`too_many_diagnostics\` entry), against the same with all kept:"
  echo
  echo "| fixture | findings | all kept | none kept | per finding kept | sax_null / none kept |"
  echo "|---|---:|---:|---:|---:|---:|"
  for name in errors unknown; do
    t=${per_doc[$name/conform.text]} z=${per_doc[$name/none_kept]} s=${per_doc[$name/boost.sax_null]}
    k=${per_doc[$name/findings]}
    echo "| $name | $k | $(fmt "$t") | $(fmt "$z") | $(((t - z) / k)) | $(ratio "$s" "$z") |"
  done
)
echo "$table"
if [ "${2:-}" = "--readme" ]; then
  printf '%s\n' "$table" | python3 "$here/readme_section.py" instructions
fi
