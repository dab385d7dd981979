#!/usr/bin/env python3
"""Tables from conform_bench's JSON output (stdlib only).

    conform_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \\
        --benchmark_format=json > run.json
    python3 benchmarks/compare.py run.json              # throughput, ratios, memory
    python3 benchmarks/compare.py run.json --readme     # also rewrite benchmarks/README.md
    python3 benchmarks/compare.py before.json after.json  # per-benchmark change

Benchmarks are matched by name (`<reader>/<fixture>`). With repetitions, the median is used;
otherwise the single run. Every ratio compares two readers from the same run: on a shared,
noisy machine the ratios are the figures to trust, not the absolute times.
"""

import argparse
import datetime
import json
import math
import sys

from readme_section import replace_section


FIXTURES = ["example", "full", "large", "errors", "reversed", "unknown", "ndjson"]
READERS = ["conform.text", "conform.text.into", "conform.dom", "boost.dom", "boost.dom_monotonic",
           "boost.sax_null", "boost.dom_describe", "rapidjson.dom", "simdjson.dom"]
# Issue 4's targets: conform.text / boost.dom per fixture; text / sax_null >= 0.5 on every
# fixture (also read for decode_into reusing one object, conform.text.into, the stream
# reader's API); conform.dom / boost.dom_describe >= 1.0 on every fixture.
# (reader a, reader b, target per fixture: a's bytes/s over b's), the list both ratio tables
# (and bench_main.cpp's target_ratios) follow.
RATIOS = [("conform.text", "boost.dom", {"example": 1.7, "full": 1.5, "large": 2.0}),
          ("conform.text", "boost.sax_null", {fx: 0.5 for fx in FIXTURES}),
          ("conform.text.into", "boost.sax_null", {fx: 0.5 for fx in FIXTURES}),
          ("conform.dom", "boost.dom_describe", {fx: 1.0 for fx in FIXTURES})]
RATIO_HEADER = ("| fixture | " + " | ".join("%s / %s" % (a, b) for a, b, _ in RATIOS) + " |\n"
                + "|---|" + "---|" * len(RATIOS))


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Google Benchmark may print lines before the JSON (e.g. the library's DEBUG warning).
    doc = json.loads(text[text.index("{"):])
    figures = {}
    for b in doc.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        median = b.get("run_type") == "aggregate"
        if median and b.get("aggregate_name") != "median":
            continue
        if name in figures and figures[name]["median"] and not median:
            continue
        figures[name] = {
            "median": median,
            "bps": b.get("bytes_per_second", 0.0),
            "ips": b.get("items_per_second", 0.0),
            "peak": b.get("peak_bytes"),
            "peak_x": b.get("peak_x_doc"),
            "allocs": b.get("allocs_per_doc"),
            # paired/<a>~<b>/<fixture> (bench_main.cpp): b's time over a's, and each one's MB/s
            "paired": b.get("ratio"),
            "a_mbps": b.get("a_MBps"),
            "b_mbps": b.get("b_MBps"),
        }
    return doc.get("context", {}), figures


def ratio(figs, a, b):
    x, y = figs.get(a), figs.get(b)
    if not x or not y or not y["bps"]:
        return None
    return x["bps"] / y["bps"]


def fmt_ratio(r, target=None):
    """Cut, not rounded, to two decimals, so a 0.996 miss never shows as 1.00."""
    if r is None:
        return "-"
    shown = math.floor(r * 100 + 1e-9) / 100  # the epsilon keeps 1.7 from showing as 1.69
    if target is None:
        return "%.2f" % shown
    return "%.2f %s" % (shown, "ok" if r >= target else "**miss** (>= %.1f)" % target)


def mbps(figs, name):
    f = figs.get(name)
    return "%.0f" % (f["bps"] / 1e6) if f else "-"


def tables(ctx, figs):
    out = []
    readers = [r for r in READERS if any(("%s/%s" % (r, fx)) in figs for fx in FIXTURES)]
    out.append("Throughput, MB/s (10^6 bytes per CPU second, median):\n")
    out.append("| fixture | " + " | ".join(readers) + " |")
    out.append("|---|" + "---:|" * len(readers))
    for fx in FIXTURES:
        out.append("| %s | " % fx + " | ".join(mbps(figs, "%s/%s" % (r, fx)) for r in readers)
                   + " |")
    out.append("")
    out.append("Ratios (bytes/s of one reader over another's, same run; target in brackets):\n")
    out.append(RATIO_HEADER)
    for fx in FIXTURES:
        out.append("| %s | %s |" % (fx, " | ".join(
            fmt_ratio(ratio(figs, "%s/%s" % (a, fx), "%s/%s" % (b, fx)), target.get(fx))
            for a, b, target in RATIOS)))
    out.append("")
    if any(name.startswith("paired/") for name in figs):
        out.append("The same ratios timed in pairs (`paired/<a>~<b>/<fixture>`: both readers in "
                   "alternating chunks of the same benchmark, so that load and heap state are "
                   "shared out more evenly; MB/s of each in brackets):\n")
        out.append(RATIO_HEADER)
        for fx in FIXTURES:
            cells = []
            for a, b, target in RATIOS:
                f = figs.get("paired/%s~%s/%s" % (a, b, fx))
                if not f or not f["paired"]:
                    cells.append("-")
                    continue
                cells.append("%s (%.0f / %.0f)" % (fmt_ratio(f["paired"], target.get(fx)),
                                                    f["a_mbps"] or 0, f["b_mbps"] or 0))
            out.append("| %s | %s |" % (fx, " | ".join(cells)))
        out.append("")
    out.append("Peak live heap per document (worst document of the fixture; x = multiple of "
               "its size) and allocations per document:\n")
    mem_readers = [r for r in ("conform.text", "conform.dom", "boost.dom", "boost.dom_describe")
                   if any(("%s/%s" % (r, fx)) in figs for fx in FIXTURES)]
    out.append("| fixture | " + " | ".join(mem_readers) + " |")
    out.append("|---|" + "---:|" * len(mem_readers))
    for fx in FIXTURES:
        cells = []
        for r in mem_readers:
            f = figs.get("%s/%s" % (r, fx))
            if not f or f["peak"] is None:
                cells.append("-")
            else:
                cells.append("%.1f KiB (%.1fx), %.0f allocs" % (f["peak"] / 1024.0, f["peak_x"],
                                                                f["allocs"]))
        out.append("| %s | %s |" % (fx, " | ".join(cells)))
    out.append("")
    base = figs.get("conform.text/example")
    rows = []
    for name in ("conform.text/example_first_error", "conform.text.fail_fast/example",
                 "conform.text.fail_fast/example_first_error", "conform.text/errors",
                 "conform.text.fail_fast/errors"):
        f = figs.get(name)
        if f and f["ips"]:
            rows.append("| %s | %.2f us | %s |" % (
                name, 1e6 / f["ips"],
                "%.2f" % (base["ips"] / f["ips"]) if base and name.endswith("example_first_error")
                or (base and name.endswith("/example")) else "-"))
    if rows:
        out.append("The first error's cost (time per document; relative to the valid "
                   "conform.text/example, %s):\n" %
                   ("%.2f us" % (1e6 / base["ips"]) if base and base["ips"] else "-"))
        out.append("| benchmark | time per document | x example |")
        out.append("|---|---:|---:|")
        out.extend(rows)
        out.append("")
    return "\n".join(out)


def header(ctx):
    date = ctx.get("date", "")
    try:
        date = datetime.datetime.fromisoformat(date).strftime("%Y-%m-%d")
    except ValueError:
        pass
    return ("Machine: %s, %s cores (shared VM; noisy). Compiler: %s, -O3. Date: %s. "
            "Google Benchmark %s build of the library, CPU time, %s.\n" % (
                ctx.get("cpu_model", "?"), ctx.get("num_cpus", "?"),
                ctx.get("compiler", "?"), date, ctx.get("library_build_type", "?"),
                "median of repetitions" if ctx.get("_median") else "one run"))


def diff(old, new):
    out = ["| benchmark | before MB/s | after MB/s | change |", "|---|---:|---:|---:|"]
    for name in sorted(set(old) | set(new), key=lambda n: (n.split("/")[-1], n)):
        a, b = old.get(name), new.get(name)
        if a and b and a["bps"]:
            out.append("| %s | %.0f | %.0f | %+.1f%% |" % (
                name, a["bps"] / 1e6, b["bps"] / 1e6, 100.0 * (b["bps"] / a["bps"] - 1)))
        else:
            out.append("| %s | %s | %s | - |" % (name, mbps(old, name), mbps(new, name)))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("runs", nargs="+", metavar="RUN.json")
    ap.add_argument("--readme", action="store_true",
                    help="replace the results section of benchmarks/README.md")
    args = ap.parse_args()
    if len(args.runs) == 2:
        _, old = load(args.runs[0])
        _, new = load(args.runs[1])
        print(diff(old, new))
        return 0
    if len(args.runs) != 1:
        ap.error("give one run, or two to compare")
    ctx, figs = load(args.runs[0])
    if not figs:
        sys.exit("compare.py: no benchmark figures in %s" % args.runs[0])
    ctx["_median"] = any(f["median"] for f in figs.values())
    text = header(ctx) + "\n" + tables(ctx, figs)
    print(text)
    if args.readme:
        replace_section("results", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
