#!/usr/bin/env python3
"""Compile-fail check: one guarded misuse per source file.

Usage: check.py SOURCE -- COMPILER [FLAGS...]

The source's first line names what must happen:
  // expect: TEXT     compiling SOURCE must fail and the compiler's output must contain TEXT
                      (the library's static_assert message; a missing include or a typo in
                      the test does not contain it); compiling with -DCONTROL must succeed,
                      which proves the harness and the rest of the file are sound.
  // expect: compiles compiling SOURCE must succeed (a valid use that once failed to build).
An optional second line "// flags: FLAGS..." adds compiler flags (for a use that once failed
to build only under some flag, such as -fsanitize=undefined).
Only the compiler's front end runs (-fsyntax-only): templates are instantiated and constant
expressions evaluated, but nothing is linked.
"""
import subprocess
import sys


def compile_source(command, source, extra):
    argv = command + extra + ["-fsyntax-only", source]
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace")
    return result.returncode, result.stdout


def main(argv):
    if len(argv) < 4 or argv[2] != "--":
        print(__doc__)
        return 2
    source, command = argv[1], argv[3:]
    with open(source, encoding="utf-8") as f:
        first = f.readline().strip()
        second = f.readline().strip()
    prefix = "// expect:"
    if not first.startswith(prefix):
        print(f"{source}: the first line must be '{prefix} TEXT' or '{prefix} compiles'")
        return 2
    expected = first[len(prefix):].strip()
    if second.startswith("// flags:"):
        command = command + second[len("// flags:"):].split()

    status, output = compile_source(command, source, [])
    if expected == "compiles":
        if status != 0:
            print(f"FAIL {source}: must compile, but the compiler said:\n{output}")
            return 1
        print(f"PASS {source}: compiles")
        return 0

    if status == 0:
        print(f"FAIL {source}: compiled, but must fail with '{expected}'")
        return 1
    if expected not in output:
        print(f"FAIL {source}: failed to compile, but without '{expected}':\n{output}")
        return 1
    status, control_output = compile_source(command, source, ["-DCONTROL"])
    if status != 0:
        print(f"FAIL {source}: the -DCONTROL variant must compile, but the compiler said:\n"
              f"{control_output}")
        return 1
    print(f"PASS {source}: fails with '{expected}'; -DCONTROL compiles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
