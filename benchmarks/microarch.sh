#!/usr/bin/env bash
# What the instruction counts (instructions.sh) leave out: cache misses and branch
# mispredictions per document, simulated by callgrind, for the readers whose timed ratios
# trail their instruction ratios. Like the instruction counts they do not move with the
# load of a shared machine; unlike a hardware counter they are a model (LRU caches, a
# predictor without global history: it mispredicts indirect calls that alternate between
# targets, which a recent core's history-based predictor mostly gets right), so read them as
# a comparison between readers, never as cycles.
# The caches simulated are those of the benchmark host (AMD EPYC, Zen 4): 32 KiB 8-way L1
# instruction and data caches with 64-byte lines. A second count repeats the data misses
# with twice the L1 data cache (`D1 misses at 64K`): when it drops to about nothing, what one
# document touches is between one and two L1 caches' worth, and smaller tables would show in
# time.
# Per document = (count at 5N iterations - count at N) / 4N, as in instructions.sh; `ndjson`
# is the mean over the stream's first 200 documents (each a different response, so the
# predictors cannot learn one document's branches by heart, as they can in a loop over one).
# Usage: bash benchmarks/microarch.sh BUILDDIR [--readme]   (BUILDDIR holds stream.ndjson)
set -euo pipefail
build=${1:?usage: microarch.sh BUILDDIR [--readme]}
# shellcheck source=benchmarks/profile_fixtures.sh
source "$(dirname "$0")/profile_fixtures.sh" # here, root, loop, fixtures, fmt
readers=(conform.text boost.dom boost.sax_null conform.dom boost.dom_describe)
measured=" example full ndjson " # of the fixtures: the valid ones the timed ratios trail on

# reader iterations file lines d1 -> "Ir I1mr D1mr Bcm Bim" (callgrind's event totals)
count() {
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --cache-sim=yes \
    --branch-sim=yes --I1=32768,8,64 --D1="$5",8,64 --LL=33554432,16,64 \
    "$loop" --reader "$1" --lines "$4" "$2" "$3" 2>&1)
  # Events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim
  sed -nE 's/.*Collected : (.*)/\1/p' <<<"$out" | awk '{ print $1, $4, $5, $11, $13 }'
}

# count at 5N, count at N -> per document (reads the loop's n and docs)
per() { echo $((($1 - $2) / (4 * n * docs))); }

rows=()
for f in "${fixtures[@]}"; do
  IFS=: read -r name file n lines <<<"$f"
  [[ $measured == *" $name "* ]] || continue
  lines=${lines:-0}
  docs=$((lines > 0 ? lines : 1))
  for r in "${readers[@]}"; do
    read -r -a a <<<"$(count "$r" "$n" "$file" "$lines" 32768)"
    read -r -a b <<<"$(count "$r" $((5 * n)) "$file" "$lines" 32768)"
    read -r -a a2 <<<"$(count "$r" "$n" "$file" "$lines" 65536)"
    read -r -a b2 <<<"$(count "$r" $((5 * n)) "$file" "$lines" 65536)"
    ir=$(per "${b[0]}" "${a[0]}") i1=$(per "${b[1]}" "${a[1]}") d1=$(per "${b[2]}" "${a[2]}")
    d1big=$(per "${b2[2]}" "${a2[2]}") bcm=$(per "${b[3]}" "${a[3]}") bim=$(per "${b[4]}" "${a[4]}")
    rows+=("| $name | $r | $(fmt "$ir") | $i1 | $d1 | $d1big | $bcm | $bim |")
  done
done

table=$(
  echo "Simulated per document (callgrind 3.19, g++ $(g++ -dumpfullversion) -O3, $(date -u +%Y-%m-%d); 32 KiB 8-way L1 caches, 64-byte lines; ndjson: mean of the stream's first 200 documents):"
  echo
  echo "| fixture | reader | instructions | I1 misses | D1 misses | D1 misses at 64K | conditional mispredicted | indirect mispredicted |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
)
echo "$table"
if [ "${2:-}" = --readme ]; then
  python3 "$here/readme_section.py" microarch <<<"$table"
fi
