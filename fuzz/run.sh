#!/usr/bin/env bash
# Builds conform's libFuzzer binaries (clang, in their own build directory) and fuzzes each
# harness for a while. For every harness, in order:
#   1. replays fuzz/crashes/<harness>/ (past crashes must stay fixed);
#   2. fuzzes for SECONDS with both dictionaries (fuzz_cli_input with cli.dict too,
#      fuzz_generated with none) and -max_len=65536, starting from the committed
#      corpus; new inputs go to a scratch corpus in the build directory, crashes to
#      <builddir>/fuzz-artifacts/<harness>/;
#   3. minimises what the run found (inputs up to 2 KiB) against the committed corpus with
#      -set_cover_merge=1 (libFuzzer's -merge=1 with a greedy set cover: fewer inputs). With
#      --update-corpus the inputs that add coverage are copied into fuzz/corpus/<harness>/
#      (review and commit them); otherwise they go to <builddir>/fuzz-new/<harness>/.
# Exits non-zero when any harness crashed (the artifact path and the sanitizer report are in
# the output). See fuzz/README.md for the crash workflow.
#
# usage: fuzz/run.sh [--update-corpus] [SECONDS] [HARNESS...]
#   SECONDS   per harness, default 30
#   HARNESS   default: all of them
# environment: FUZZ_BUILDDIR (default build-fuzz), CXX (default clang++)
set -uo pipefail
cd "$(dirname "$0")/.."

update_corpus=0
if [ "${1:-}" = "--update-corpus" ]; then
  update_corpus=1
  shift
fi
seconds=${1:-30}
shift || true
all=(fuzz_decode_training_job fuzz_decode_error_body fuzz_decode_dom fuzz_json_pointer
  fuzz_generated fuzz_cli_input)
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=("${all[@]}")
fi
builddir=${FUZZ_BUILDDIR:-build-fuzz}

# b_sanitize stays off: the fuzz targets carry their own sanitizer flags (fuzz/meson.build),
# and a global -fsanitize would also instrument the replay executables for no gain.
if [ ! -f "$builddir/build.ninja" ]; then
  CXX=${CXX:-clang++} meson setup "$builddir" -Dfuzz=enabled -Dtests=disabled -Dcli=disabled \
    -Dbenchmarks=disabled -Db_sanitize=none >/dev/null || exit 2
fi
targets=()
for h in "${harnesses[@]}"; do
  targets+=("fuzz/$h")
done
meson compile -C "$builddir" "${targets[@]}" || exit 2

# libFuzzer takes one -dict: the JSON and the schema dictionaries together, and for the
# command-line harness the words of the captures it reads too.
dict="$builddir/fuzz-all.dict"
cat fuzz/dict/json.dict fuzz/dict/modelarts.dict >"$dict"
cli_dict="$builddir/fuzz-cli.dict"
cat "$dict" fuzz/dict/cli.dict >"$cli_dict"

# Sanitizer reports with stacks; leaks are errors (libFuzzer checks them itself as well).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

has_files() { [ -d "$1" ] && [ -n "$(find "$1" -type f ! -name '.*' -print -quit)" ]; }

# The committed corpus of a harness. fuzz_decode_dom reads the same documents as
# fuzz_decode_training_job, so its own directory holds only what adds coverage beyond that one.
corpus_dirs() {
  if [ "$1" = fuzz_decode_dom ]; then
    echo "fuzz/corpus/fuzz_decode_training_job fuzz/corpus/fuzz_decode_dom"
  else
    echo "fuzz/corpus/$1"
  fi
}

status=0
summary=()
for h in "${harnesses[@]}"; do
  bin="$builddir/fuzz/$h"
  scratch="$builddir/fuzz-work/$h"
  artifacts="$builddir/fuzz-artifacts/$h"
  mkdir -p "$scratch" "$artifacts"
  echo "== $h: replaying fuzz/crashes/$h"
  if has_files "fuzz/crashes/$h"; then
    if ! "$bin" -runs=0 "fuzz/crashes/$h" >"$artifacts/replay.log" 2>&1; then
      tail -n 60 "$artifacts/replay.log"
      echo "!! $h: a past crash is back (fuzz/crashes/$h)"
      summary+=("$h: past crash reproduces")
      status=1
      continue
    fi
  fi
  echo "== $h: fuzzing for ${seconds}s"
  # The scratch corpus comes first, so new inputs land there and never in the source tree.
  # fuzz_generated reads choices, not JSON: no dictionary.
  dict_arg=(-dict="$dict")
  if [ "$h" = fuzz_cli_input ]; then
    dict_arg=(-dict="$cli_dict")
  elif [ "$h" = fuzz_generated ]; then
    dict_arg=()
  fi
  "$bin" "${dict_arg[@]}" -max_len=65536 -timeout=25 -rss_limit_mb=2048 \
    -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/" \
    "$scratch" $(corpus_dirs "$h") >"$artifacts/fuzz.log" 2>&1
  rc=$?
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' \
    "$artifacts/fuzz.log" | sed "s/^/   /"
  if [ $rc -ne 0 ]; then
    grep -E -A40 'invariant broken|ERROR: (AddressSanitizer|libFuzzer|UndefinedBehavior)|runtime error' \
      "$artifacts/fuzz.log" | head -n 80
    echo "!! $h crashed; input: $(ls -t "$artifacts"/crash-* "$artifacts"/timeout-* \
      "$artifacts"/oom-* 2>/dev/null | head -n 1)"
    summary+=("$h: CRASH (see $artifacts)")
    status=1
    continue
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$artifacts/fuzz.log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$artifacts/fuzz.log")
  # Minimise: of the run's inputs up to 2 KiB (the committed corpus must stay small), keep
  # those that add coverage beyond the committed corpus (set-cover merge: a small set).
  merged="$builddir/fuzz-merge/$h"
  rm -rf "$merged" && mkdir -p "$merged/corpus" "$merged/candidates"
  for dir in $(corpus_dirs "$h"); do
    cp "$dir"/* "$merged/corpus/" 2>/dev/null
  done
  (cd "$merged/corpus" && ls) | sort >"$merged/before.txt"
  find "$scratch" -type f -size -2049c -exec cp {} "$merged/candidates/" \;
  "$bin" -set_cover_merge=1 -max_len=65536 -timeout=25 -rss_limit_mb=2048 \
    "$merged/corpus" "$merged/candidates" >"$artifacts/merge.log" 2>&1 ||
    echo "!! $h: merge failed (see $artifacts/merge.log)"
  (cd "$merged/corpus" && ls) | sort | comm -13 "$merged/before.txt" - >"$merged/new.txt"
  if [ $update_corpus -eq 1 ]; then
    target="fuzz/corpus/$h"
  else
    target="$builddir/fuzz-new/$h"
    rm -rf "$target"
  fi
  mkdir -p "$target"
  while read -r f; do
    cp "$merged/corpus/$f" "$target/"
  done <"$merged/new.txt"
  added=$(wc -l <"$merged/new.txt")
  summary+=("$h: ok, $execs executions ($rate/s), $added new corpus inputs in $target")
done

echo "== summary"
printf '   %s\n' "${summary[@]}"
exit $status
