#!/usr/bin/env python3
"""Counts test results across Meson build directories and prints `N passed, N failed`.

A doctest executable counts as its test cases (from its "[doctest] test cases:" summary);
any other Meson test counts as one. A test that failed without a doctest failure in its
summary (a crash, a timeout) counts as one more failure. Exits 1 when anything failed.
"""
import json
import re
import sys
from pathlib import Path

SUMMARY = re.compile(r"\[doctest\] test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")


def count(build_dir: Path):
    passed = failed = 0
    failures = []
    log = build_dir / "meson-logs" / "testlog.json"
    if not log.exists():
        return 0, 1, [f"{build_dir}: no test log (did the build fail?)"]
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        ok = entry.get("result") in ("OK", "EXPECTEDFAIL", "SKIP")
        if entry.get("result") == "SKIP":
            continue
        m = SUMMARY.search(entry.get("stdout") or "")
        if m:
            p, f = int(m.group(2)), int(m.group(3))
            if not ok and f == 0:
                f = 1
            passed += p
            failed += f
        else:
            passed += 1 if ok else 0
            failed += 0 if ok else 1
        if not ok:
            failures.append(f"{build_dir.name}: {entry.get('name')} ({entry.get('result')})")
    return passed, failed, failures


def main(argv):
    total_passed = total_failed = 0
    all_failures = []
    for d in argv[1:]:
        p, f, fails = count(Path(d))
        print(f"{d}: {p} passed, {f} failed")
        total_passed += p
        total_failed += f
        all_failures += fails
    for f in all_failures:
        print(f"FAILED: {f}")
    print(f"{total_passed} passed, {total_failed} failed")
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
