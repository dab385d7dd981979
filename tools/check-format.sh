#!/usr/bin/env bash
# Fails when a C++ file of the project is not formatted as .clang-format says
# (clang-format 14, Debian's). Fix with: clang-format -i <file>.
set -uo pipefail
cd "$(dirname "$0")/.."
fmt=${CLANG_FORMAT:-clang-format}
mapfile -t files < <(find include tests tools fuzz benchmarks examples \
  \( -name '*.hpp' -o -name '*.ipp' -o -name '*.cpp' \) -not -path 'tests/fixtures/*' -not -path '*/corpus/*' \
  2>/dev/null | sort)
bad=0
for f in "${files[@]}"; do
  if ! "$fmt" --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f"
    bad=1
  fi
done
echo "checked ${#files[@]} files"
exit $bad
