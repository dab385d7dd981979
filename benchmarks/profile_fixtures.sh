# Sourced by instructions.sh and microarch.sh, which count what one document costs under
# callgrind: the profiling loop (built here), the fixtures with the iteration count N that
# each is run at (the scripts take the difference of N and 5N iterations), and the number
# format of their tables. The caller sets `build` (the Meson build directory, which holds the
# generated large.json and stream.ndjson) and `set -euo pipefail`.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
meson compile -C "$build" benchmarks/conform_profile_loop >/dev/null
loop="$build/benchmarks/conform_profile_loop"
# name:file:N[:lines]; with lines, the file is NDJSON and its first `lines` documents are read
# (`ndjson`: the whole stream would take callgrind about an hour per reader).
fixtures=("example:$root/tests/fixtures/valid/api_example.json:40"
  "full:$root/tests/fixtures/valid/full.json:20"
  "large:$build/benchmarks/large.json:1"
  "errors:$here/fixtures/errors.json:4"
  "reversed:$here/fixtures/reversed.json:20"
  "unknown:$here/fixtures/unknown.json:10"
  "ndjson:$build/benchmarks/stream.ndjson:1:200")

# 12345678 -> "12.35 M", 40881 -> "40.9 k"
fmt() { awk -v x="$1" 'BEGIN { if (x >= 1e6) printf "%.2f M", x / 1e6; else printf "%.1f k", x / 1e3 }'; }
