#!/usr/bin/env bash
# Installs the build into a scratch prefix and compiles tests/consumer/consumer.cpp against it
# with only what conform.pc says (plus Boost.JSON compiled in through src.hpp), header-only
# and then with conform's core compiled separately.
# Usage: check.sh <build dir> <source dir> <c++ compiler> <std>
set -euo pipefail
build=$1 src=$2 cxx=$3 std=$4
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
meson install -C "$build" --destdir "$stage" --no-rebuild >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c \
  "import json,sys; print(next(o['value'] for o in json.load(sys.stdin) if o['name']=='prefix'))")
pc_dir=$(dirname "$(find "$stage" -name conform.pc | head -n 1)")
cflags=$(PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags conform)
test -f "$stage$prefix/include/conform/modelarts/training_job.hpp"
"$cxx" -std="$std" -Wall -Wextra $cflags -o "$stage/consumer" "$src/tests/consumer/consumer.cpp"
"$stage/consumer"
# The same program compiled separately (CONFORM_SEPARATE_COMPILATION): the installed tree must
# hold src.hpp and impl/, and one file including src.hpp must complete the program.
echo '#include <conform/src.hpp>' >"$stage/conform_src.cpp"
"$cxx" -std="$std" -Wall -Wextra -DCONFORM_SEPARATE_COMPILATION $cflags -o "$stage/consumer_separate" \
  "$src/tests/consumer/consumer.cpp" "$stage/conform_src.cpp"
"$stage/consumer_separate"
