#!/usr/bin/env bash
# Which lines of the library (include/conform) and the command-line tool (tools/conform) the
# tests run: clang's source-based coverage over the `unit` and `cli` suites. Not part of CI
# (about 3 minutes on two cores); a way to find what no test reaches, each gap then either
# tested or understood (compile-time-only code, such as the perfect-hash search, shows as
# unrun: it runs in the compiler).
#
# Usage: bash tools/coverage.sh [BUILDDIR] [--lines]   (default BUILDDIR: build-coverage)
#   --lines  also list, per file, the line numbers no test ran
# Needs llvm-profdata-14 and llvm-cov-14 (Debian package llvm-14; not installed by
# install-deps.sh, since CI does not run this).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=build-coverage
lines=false
for arg in "$@"; do
  case "$arg" in
  --lines) lines=true ;;
  -*)
    echo "usage: bash tools/coverage.sh [BUILDDIR] [--lines]" >&2
    exit 2
    ;;
  *) dir=$arg ;;
  esac
done
for tool in llvm-profdata-14 llvm-cov-14 clang++; do
  command -v "$tool" >/dev/null || {
    echo "coverage.sh: $tool is needed (apt-get install llvm-14 clang)" >&2
    exit 1
  }
done
case "$dir" in /*) ;; *) dir="$root/$dir" ;; esac

flags="-fprofile-instr-generate -fcoverage-mapping"
if [ ! -f "$dir/build.ninja" ]; then
  CXX=clang++ meson setup "$dir" "$root" -Dbuildtype=debug -Dcpp_std=c++17 -Dcli=enabled \
    -Dbenchmarks=disabled -Dfuzz=disabled -Dcpp_args="$flags" \
    -Dcpp_link_args=-fprofile-instr-generate >/dev/null
fi
meson compile -C "$dir" >/dev/null

profiles="$dir/coverage-profiles"
rm -rf "$profiles"
mkdir -p "$profiles"
# One raw profile per process (%p), so that tests run in parallel do not overwrite each other.
LLVM_PROFILE_FILE="$profiles/%p.profraw" meson test -C "$dir" --no-rebuild --suite unit \
  --suite cli -q >/dev/null || echo "coverage.sh: some tests failed (the report still counts them)" >&2
llvm-profdata-14 merge -sparse "$profiles"/*.profraw -o "$dir/coverage.profdata"

# Every program the tests ran: the unit tests, the tool and the tool's library test.
objects=()
while IFS= read -r program; do
  objects+=(-object "$program")
done < <(find "$dir/tests" "$dir/tools" -maxdepth 1 -type f -perm -u+x | sort)
sources=("$root/include/conform" "$root/tools/conform")
# Header functions are compiled into many programs; llvm-cov warns about those whose copies
# differ ("mismatched data") and counts the rest.
llvm-cov-14 report "${objects[@]:1}" -instr-profile="$dir/coverage.profdata" "${sources[@]}" \
  2>/dev/null | sed "s|$root/||"

if $lines; then
  llvm-cov-14 export -format=lcov "${objects[@]:1}" -instr-profile="$dir/coverage.profdata" \
    "${sources[@]}" 2>/dev/null | python3 -c '
import collections, os, sys
root = sys.argv[1] + "/"
hit, seen = collections.defaultdict(set), collections.defaultdict(set)
name = None
for line in sys.stdin:
    if line.startswith("SF:"):
        name = os.path.normpath(line[3:].strip()).replace(root, "")
    elif line.startswith("DA:"):
        number, count = line[3:].split(",")[:2]
        seen[name].add(int(number))
        if int(count) > 0:
            hit[name].add(int(number))
print("\nLines no test ran:")
for name in sorted(seen):
    missed = sorted(seen[name] - hit[name])
    if missed and name.startswith(("include/", "tools/")):
        print(f"{name}: {len(missed)}: " + " ".join(map(str, missed)))
' "$root"
fi
