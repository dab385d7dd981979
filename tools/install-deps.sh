#!/usr/bin/env bash
# Installs, from Debian 12's archive, whatever conform's build, tests, command-line tool,
# benchmarks and fuzzers need and the machine lacks. Idempotent: a no-op when all is there.
set -euo pipefail

packages=(
  g++ clang libclang-rt-14-dev          # both compilers; clang's libFuzzer and sanitizer runtimes
  meson ninja-build pkg-config python3  # build system and test-result counting
  python3-jsonschema                    # the CLI test of `conform schema` (a second validator)
  libboost-json1.81-dev                 # Boost.JSON + Boost.Describe/Mp11 (libboost1.81-dev)
  doctest-dev                           # unit tests (2.4.9)
  libcli11-dev libfmt-dev               # the conform command-line tool
  libbenchmark-dev rapidjson-dev libsimdjson-dev  # benchmarks and their outside baselines
  valgrind                              # instruction counts (benchmarks/*instructions.sh)
  clang-format                          # style check
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
