#!/usr/bin/env python3
"""Generates the benchmark fixtures of conform_bench (stdlib only, deterministic).

    python3 benchmarks/generate_fixtures.py
        rewrites the small committed fixtures in benchmarks/fixtures/:
        errors.json, reversed.json, unknown.json, example_first_error.json
    python3 benchmarks/generate_fixtures.py --generated DIR [--ndjson-docs N]
        writes the big ones into DIR (the build runs this; they are never committed):
        large.json (~1 MB) and stream.ndjson (10,000 responses, ~45 MB)

Every fixture derives from the two hand-checked documents of the test suite,
tests/fixtures/valid/api_example.json (the API page's example) and
tests/fixtures/valid/full.json (every member of every type), so a schema change there
flows into the benchmarks by regenerating. Values that vary stay inside the schema's
constraints (names from [A-Za-z0-9_-], ports 1-65535, priority 0-3, metric rows of two
numbers, start before end), so every fixture except errors.json decodes without errors;
benchmarks/README.md describes each one.
"""

import argparse
import copy
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VALID = os.path.join(ROOT, "tests", "fixtures", "valid")

# Objects that are string maps in the schema (std::map<std::string, std::string>): an extra
# key there is a map entry, not an unknown member, so unknown.json leaves them alone.
STRING_MAP_KEYS = {"annotations", "environments", "attributes"}


def load(name):
    with open(os.path.join(VALID, name), encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def pretty(doc):
    # The layout of tests/fixtures/valid/full.json, so reversed/unknown compare with full.
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def compact(doc):
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def reverse_keys(v):
    """Every object's keys in reverse order: defeats any 'members arrive in declaration
    order' fast path of a decoder."""
    if isinstance(v, dict):
        return {k: reverse_keys(v[k]) for k in reversed(list(v))}
    if isinstance(v, list):
        return [reverse_keys(x) for x in v]
    return v


def add_unknown(v, n=[0]):
    """Adds an unknown scalar member at the front of every schema object, and an unknown
    nested value to skip at the back of every third one."""
    if isinstance(v, list):
        return [add_unknown(x) for x in v]
    if not isinstance(v, dict):
        return v
    n[0] += 1
    out = {"x_trace_id": "trace-%06d" % n[0]}
    for k, x in v.items():
        if k in STRING_MAP_KEYS:
            out[k] = x
        else:
            out[k] = add_unknown(x)
    if n[0] % 3 == 0:
        out["x_vendor_extension"] = {"labels": ["alpha", "beta"], "weight": 0.5,
                                     "nested": {"k": [1, {"z": None}, "s"], "on": True}}
    return out


def running_record(rng, t, with_recovers, recovers=None):
    """One valid running record starting at t (timestamps ordered, enums in range)."""
    end = t + rng.randint(60, 7200)
    rec = {
        "start_at": t,
        "end_at": end,
        "xpu_start_at": t + rng.randint(1, 59),
        "start_type": rng.choice(["init_or_rescheduled", "restarted"]),
        "end_reason": rng.choice(["exit with 127", "job completed", "node fault", "OOM killed"]),
        "end_related_task": "worker-%d" % rng.randint(0, 7),
        "end_recover": rng.choice(
            ["npu_proc_restart", "gpu_proc_restart", "proc_restart", "pod_reschedule",
             "job_reschedule", "job_reschedule_with_taint"]),
        "end_recover_before_downgrade": rng.choice(["npu_proc_restart", "proc_restart"]),
    }
    if with_recovers:
        recs = []
        s = end
        for _ in range(recovers or rng.randint(1, 2)):
            e = s + rng.randint(1, 600)
            recs.append({
                "recover_start_at": s,
                "recover_end_at": e,
                "recover": rng.choice(["npu_step_retry", "npu_proc_restart", "proc_restart",
                                       "pod_reschedule", "job_reschedule"]),
                "fault_scenario": rng.choice(["chip_fault", "node_fault", "job_failed",
                                              "job_hanged", "job_subhealth", "error_in_log"]),
                "reason": rng.choice(["exit with 127", "none", "link down"]),
                "related_task": "worker-%d" % rng.randint(0, 7),
                "recover_result": rng.choice(["recovering", "success", "failed", "downgrade",
                                              "terminated", "quotaExceeded"]),
            })
            s = e
        rec["recover_records"] = recs
    return rec


def parameter(rng, template, i):
    p = copy.deepcopy(template)
    p["name"] = "param_%03d" % i
    p["value"] = "%g" % rng.uniform(0.0001, 100)
    p["description"] = "Hyper-parameter number %d of the training script." % i
    p["constraint"]["type"] = rng.choice(["Float", "Integer", "String"])
    p["constraint"]["editable"] = rng.random() < 0.5
    p["i18n_description"]["description"] = "Parameter %d." % i
    return p


def uuid(rng):
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def job_name(rng):
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    return "trainjob-" + "".join(rng.choice(alphabet) for _ in range(rng.randint(4, 40)))


def large(full, rng):
    """~1 MB: 1,000 running records, 200 parameters, 100 metric rows."""
    doc = copy.deepcopy(full)
    st = doc["status"]
    t = 1701320100
    records = []
    for i in range(1000):
        records.append(running_record(rng, t, with_recovers=True, recovers=2))
        t = records[-1]["end_at"] + rng.randint(1, 100)
    st["running_records"] = records
    st["node_count_metrics"] = [[1701320100000 + 60000 * i, rng.randint(0, 64)]
                                for i in range(100)]
    template = full["algorithm"]["parameters"][0]
    doc["algorithm"]["parameters"] = [parameter(rng, template, i) for i in range(200)]
    # Indented with one space: ~1 MB, the size the issue measured.
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def errors(full, rng):
    """Hundreds of diagnostics of many kinds, all in one document."""
    doc = copy.deepcopy(full)
    doc["metadata"]["name"] = "bad name with spaces!"  # charset
    st = doc["status"]
    records = []
    t = 1701320100
    for i in range(120):
        r = running_record(rng, t, with_recovers=(i % 4 == 0))
        t = r["end_at"] + 1
        r["start_type"] = "rebooted"  # not an enumerator
        r["end_at"] = str(r["end_at"])  # a string where an integer belongs
        r["end_recover"] = 7  # a number where an enum string belongs
        if "recover_records" in r:
            r["recover_records"][0]["recover_end_at"] = 1  # ordering rule (a warning)
        records.append(r)
    st["running_records"] = records
    st["node_count_metrics"] = [[1701320100000 + i, i, i] for i in range(60)]  # size<2, 2>
    st["task_statuses"] = [{"task": "worker-%d" % i, "exit_code": 4294967296 + i,
                            "message": None} for i in range(30)]  # int32 overflow
    metrics = []
    for i in range(30):
        metrics.append({"http_get": {"path": "/m%d" % i, "port": 70000 + i}})  # range
    doc["spec"]["custom_metrics"] = metrics
    doc["spec"]["schedule_policy"]["priority"] = 9  # range<0, 3>
    doc["spec"]["resource"]["node_count"] = "two"  # type mismatch
    doc["kind"] = "training"  # not an enumerator
    return pretty(doc)


def first_error(example_text):
    """The API page's example with an error in its first member (the cost of the first
    error against tests/fixtures/valid/api_example.json, byte for byte the same length)."""
    good = '"kind" : "job"'
    assert good in example_text
    return example_text.replace(good, '"kind" : "jbo"', 1)


def varied(full, example, rng, i):
    """One response of the NDJSON stream: a mix of the example's shape and the full one,
    with lists of varying length and optional subtrees dropped. Valid; some carry unknown
    members or an unknown open-enum value (warnings only)."""
    base = copy.deepcopy(full if rng.random() < 0.35 else example)
    md = base["metadata"]
    md["id"] = uuid(rng)
    md["name"] = job_name(rng)
    md["create_time"] = 1636447346315 + rng.randint(0, 10 ** 10)
    st = base.setdefault("status", {})
    st["phase"] = rng.choice(["Creating", "Pending", "Running", "Failed", "Completed",
                              "Terminating", "Terminated", "Abnormal"])
    st["secondary_phase"] = rng.choice(["Creating", "Queuing", "Running", "Failed",
                                        "Completed", "CreateFailed", "Unknown"])
    st["duration"] = rng.randint(0, 10 ** 8)
    t = 1701320100 + rng.randint(0, 10 ** 7)
    n_records = rng.choice([0, 1, 1, 2, 2, 3, 4, 6, 10])
    records = []
    for _ in range(n_records):
        records.append(running_record(rng, t, with_recovers=rng.random() < 0.3))
        t = records[-1]["end_at"] + rng.randint(1, 100)
    st["running_records"] = records
    st["node_count_metrics"] = [[1701320100000 + 60000 * k, rng.randint(0, 16)]
                                for k in range(rng.randint(0, 12))]
    if "parameters" in base["algorithm"]:
        template = base["algorithm"]["parameters"][0]
        base["algorithm"]["parameters"] = [parameter(rng, template, k)
                                           for k in range(rng.randint(0, 6))]
    # Optional top-level subtrees come and go (every top-level member is optional).
    for key in ("tasks", "endpoints", "ftjob_config"):
        if key in base and rng.random() < 0.4:
            del base[key]
    if rng.random() < 0.05:
        base["x_new_server_field"] = {"since": "2025", "values": [1, 2, 3]}
    if rng.random() < 0.03:
        st["secondary_phase"] = "Migrating"  # an open enum's unknown value: a warning
    return compact(base)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--generated", metavar="DIR",
                    help="write large.json and stream.ndjson into DIR instead")
    ap.add_argument("--ndjson-docs", type=int, default=10000)
    args = ap.parse_args()

    example_text = load("api_example.json")
    full_text = load("full.json")
    full = json.loads(full_text)
    example = json.loads(example_text)

    if args.generated:
        os.makedirs(args.generated, exist_ok=True)
        write(os.path.join(args.generated, "large.json"), large(full, random.Random(1)))
        rng = random.Random(2)
        lines = [varied(full, example, rng, i) for i in range(args.ndjson_docs)]
        write(os.path.join(args.generated, "stream.ndjson"), "\n".join(lines) + "\n")
        return 0

    out = os.path.join(HERE, "fixtures")
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "errors.json"), errors(full, random.Random(3)))
    write(os.path.join(out, "reversed.json"), pretty(reverse_keys(full)))
    write(os.path.join(out, "unknown.json"), pretty(add_unknown(full)))
    write(os.path.join(out, "example_first_error.json"), first_error(example_text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
