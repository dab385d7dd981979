#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#  - build/: g++, C++17, warnings as errors: every target (library tests, the command-line
#    tool and its tests, benchmark smoke runs, fuzz corpus replay, compile-fail checks) and
#    issue 4's compile budget, counted in compiler instructions (about 4 minutes);
#  - three variants (g++ C++20, clang C++17, clang C++20), also -Werror: the unit tests; the
#    g++ C++20 one against the separately compiled core (CONFORM_SEPARATE_COMPILATION), so
#    that both ways of building conform are tested; the clang C++17 one under AddressSanitizer
#    and UndefinedBehaviorSanitizer, with the command-line tool and its tests too;
#  - build-clang-tsan/: the command-line tool under ThreadSanitizer, and its tests;
#  - build-fuzz/ (clang): a libFuzzer smoke run of every harness (fuzz/run.sh 20).
# Boost.JSON's compiled part is Debian's shared library in every build, so it is never
# recompiled; each variant compiles only the unit-test translation units (and the sanitized
# ones the command-line tool's).
# Ends with one line `N passed, N failed` counted from the real results.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh || { echo "dependency installation failed" >&2; exit 2; }

setup() { # dir compiler args...
  local dir=$1 compiler=$2
  shift 2
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    CXX=$compiler meson setup "$dir" "$@" >/dev/null
  fi
}

dirs=()
status=0
run_build() { # dir compiler suites-args setup-args...
  local dir=$1 compiler=$2 suites=$3
  shift 3
  dirs+=("$dir")
  echo "== $dir ($compiler $*)"
  if ! setup "$dir" "$compiler" -Dwerror=true "$@"; then
    echo "configure failed: $dir" >&2
    mkdir -p "$dir/meson-logs" && rm -f "$dir/meson-logs/testlog.json"
    status=1
    return
  fi
  if ! meson compile -C "$dir"; then
    echo "build failed: $dir" >&2
    rm -f "$dir/meson-logs/testlog.json"
    status=1
    return
  fi
  # shellcheck disable=SC2086
  meson test -C "$dir" --no-rebuild --print-errorlogs $suites || status=1
}

run_build build g++ "" -Dcpp_std=c++17 -Dcompile_budget=enabled
variant=(-Dcli=disabled -Dbenchmarks=disabled -Dfuzz=disabled)
run_build build-gcc-cpp20 g++ "--suite unit" -Dcpp_std=c++20 -Dseparate_compilation=true \
  "${variant[@]}"
# clang C++17 runs instrumented: AddressSanitizer and UndefinedBehaviorSanitizer (every report
# fatal) over the unit tests and the command-line tool's tests, which feed it hostile files,
# streams and archives. Debian's Boost.JSON library stays uninstrumented (it is not ours).
run_build build-clang-cpp17-asan clang++ "--suite unit --suite cli" -Dcpp_std=c++17 \
  -Db_sanitize=address,undefined -Db_lundef=false -Dcpp_args=-fno-sanitize-recover=undefined \
  -Dcli=enabled -Dbenchmarks=disabled -Dfuzz=disabled
run_build build-clang-cpp20 clang++ "--suite unit" -Dcpp_std=c++20 "${variant[@]}"
# ThreadSanitizer over the command-line tool's tests, which run its worker threads (--jobs 2)
# on every input format: only the tool is built.
run_build build-clang-tsan clang++ "--suite cli" -Dcpp_std=c++17 -Db_sanitize=thread \
  -Db_lundef=false -Dtests=disabled -Dcli=enabled -Dbenchmarks=disabled -Dfuzz=disabled
# libFuzzer smoke run: the six fuzzers built with clang (sanitized), about 20 s each.
run_build build-fuzz clang++ "--suite fuzz-smoke" -Dfuzz=enabled -Dtests=disabled \
  -Dcli=disabled -Dbenchmarks=disabled -Db_sanitize=none

python3 tools/count_results.py "${dirs[@]}" || status=1
exit $status
