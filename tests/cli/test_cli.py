#!/usr/bin/env python3
"""Tests of the `conform` command-line validator: the built program is run on every input format
(JSON, NDJSON, HAR, raw HTTP), every output format, every exit status and the options; also
`conform generate` and `conform schema`.

Usage: test_cli.py CONFORM_EXE SOURCE_ROOT BUILD_DIR AREA

Meson runs one test per AREA (tools/meson.build), so that a failure names what broke. Inputs are
the committed examples and fixtures, or generated into BUILD_DIR at test time (the 10 MB and
50 MB streams are never committed). Standard library only.
"""
import base64
import copy
import fcntl
import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
import unittest

EXE = SOURCE = BUILD = None

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
                      r"(?P<message>.*) \[(?P<code>[a-z_]+)\]$")
SUMMARY = re.compile(r"^(\d+) documents, (\d+) valid, (\d+) invalid, (\d+) errors, (\d+) warnings$")


def run(args, stdin=None, env=None, timeout=300):
    """Runs conform from the source root; returns (status, stdout, stderr) as text."""
    p = subprocess.run([EXE, *args], input=stdin, capture_output=True, cwd=SOURCE,
                       timeout=timeout, env=env)
    return (p.returncode, p.stdout.decode("utf-8", "replace"),
            p.stderr.decode("utf-8", "replace"))


def documents(stdout):
    """The JSON objects of a --format json run, one per line (split at line feeds only: str's
    splitlines() also splits at U+2028 and other separators that JSON strings carry raw)."""
    return [json.loads(line) for line in stdout.split("\n") if line.strip()]


def totals(stdout):
    """The numbers of the last summary line: documents, valid, invalid, errors, warnings."""
    last = stdout.rstrip("\n").splitlines()[-1]
    m = SUMMARY.match(last)
    assert m, f"no summary line at the end: {last!r}"
    return tuple(int(g) for g in m.groups())


def fixture(name):
    with open(os.path.join(SOURCE, "tests", "fixtures", "valid", name), encoding="utf-8") as f:
        return f.read().strip()


def api_text():
    return fixture("api_example.json")


def full():
    return json.loads(fixture("full.json"))


def minified(value):
    return json.dumps(value, separators=(",", ":"))


class Scratch:
    """A directory under the build dir for generated inputs."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(dir=BUILD, prefix="cli-test-")
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
            f.write(data)
        return path


def har_entry(url, status, text, method="GET", encoding=None):
    content = {"size": len(text), "mimeType": "application/json", "text": text}
    if encoding:
        content["encoding"] = encoding
    return {"startedDateTime": "2024-06-10T08:00:00.000Z", "time": 10,
            "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
                        "headers": [], "queryString": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                         "cookies": [], "headers": [], "content": content, "redirectURL": "",
                         "headersSize": -1, "bodySize": -1},
            "cache": {}, "timings": {"send": 1, "wait": 8, "receive": 1}}


def har(entries):
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"},
                               "entries": entries}}, indent=2)


JOB_URL = "https://modelarts.example.com/v2/0123456789abcdef/training-jobs/3faf5c03-aaa1-4cbe"


def caret_under(stdout, location_line_index):
    """The excerpt line and the character the caret points at, for the diagnostic whose
    location line has the given index in stdout's lines."""
    lines = stdout.splitlines()
    excerpt, caret = lines[location_line_index + 1], lines[location_line_index + 2]
    column = caret.index("^")
    return excerpt, excerpt[column:]


# ------------------------------------------------------------------------------------------------
class JsonInput(Scratch, unittest.TestCase):
    area = "json"

    def test_valid_documents_exit_0(self):
        status, out, err = run(["validate", "tests/fixtures/valid/full.json"])
        self.assertEqual(status, 0, out + err)
        self.assertEqual(out, "1 documents, 1 valid, 0 invalid, 0 errors, 0 warnings\n")
        self.assertEqual(err, "")

    def test_a_warning_is_reported_like_a_compiler_and_allowed(self):
        status, out, _ = run(["validate", "tests/fixtures/valid/api_example.json"])
        self.assertEqual(status, 0)
        lines = out.splitlines()
        m = LOCATION.match(lines[0])
        self.assertTrue(m, lines[0])
        self.assertEqual(m["file"], "tests/fixtures/valid/api_example.json")
        self.assertEqual((m["severity"], m["code"]), ("warning", "cross_member_rule"))
        self.assertTrue(lines[1].startswith("    1 | "), lines[1])
        self.assertEqual(lines[3], "  pointer: /status/running_records/0/end_at")
        self.assertEqual(totals(out), (1, 1, 0, 0, 1))

    def test_pretty_printed_document_line_column_and_caret(self):
        body = full()
        body["spec"]["schedule_policy"]["priority"] = 4
        path = self.write("job.json", json.dumps(body, indent=2))
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 1)
        lines = out.splitlines()
        m = LOCATION.match(lines[0])
        self.assertEqual((m["severity"], m["code"]), ("error", "out_of_range"))
        expected_line = json.dumps(body, indent=2).splitlines().index('      "priority": 4,') + 1
        self.assertEqual(int(m["line"]), expected_line)
        excerpt, at = caret_under(out, 0)
        self.assertEqual(excerpt, f"{expected_line:>5} |       \"priority\": 4,")
        self.assertTrue(at.startswith("4,"), at)
        self.assertEqual(lines[3], "  pointer: /spec/schedule_policy/priority")
        self.assertEqual(totals(out), (1, 0, 1, 1, 0))

    def test_minified_megabyte_line_is_cut_around_the_caret(self):
        body = full()
        body["metadata"]["description"] = "x" * 1_000_000
        body["spec"]["schedule_policy"]["priority"] = 9
        path = self.write("big.json", minified(body))
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 1)
        lines = out.splitlines()
        index = next(i for i, l in enumerate(lines) if l.endswith("[out_of_range]"))
        excerpt, at = caret_under(out, index)
        self.assertLess(len(excerpt), 140)
        self.assertIn("...", excerpt)
        self.assertTrue(at.startswith("9"), at)

    def test_empty_and_broken_files_are_invalid_documents(self):
        empty = self.write("empty.json", "")
        broken = self.write("broken.json", '{"kind": "job", "metadata": {')
        status, out, _ = run(["validate", "--format", "json", empty, broken])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual([d["valid"] for d in docs], [False, False])
        self.assertEqual([d["diagnostics"][0]["code"] for d in docs], ["syntax_error"] * 2)

    def test_inputs_shorter_than_the_format_look_ahead(self):
        # Format detection reads on past the end of a short input: it must not use the buffer
        # from before that last read (it crashed on any file under 16 bytes).
        for text, valid in (("{", False), ("{}", True), ('{"kind":1}', False), (" \n", False)):
            with self.subTest(text=text):
                path = self.write("short.json", text)
                status, out, err = run(["validate", "--format", "json", path])
                self.assertEqual((status, err), (0 if valid else 1, ""), out)
                self.assertEqual(documents(out)[0]["valid"], valid)

    def test_forced_json_on_two_lines_is_one_document_with_trailing_data(self):
        path = self.write("two.ndjson", api_text() + "\n" + api_text() + "\n")
        status, out, _ = run(["validate", "--input", "json", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual(len(docs), 1)
        self.assertEqual(docs[0]["diagnostics"][-1]["code"], "syntax_error")
        self.assertEqual(docs[0]["diagnostics"][-1]["line"], 2)

    def test_error_body_detected_from_its_keys(self):
        path = self.write("err.json", '{"error_code":"ModelArts.2775","error_msg":"not found"}')
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0, out)
        self.assertEqual(documents(out)[0]["schema"], "error_body")
        status, out, _ = run(["validate", "--format", "json", "--schema", "training_job", path])
        self.assertEqual(documents(out)[0]["schema"], "training_job")

    def test_error_body_detection_reads_keys_unescaped(self):
        # RFC 8259 §8.3: keys are compared after unescaping, so "\u0065rror_code" is error_code
        # and "\u006bind" is kind, in a JSON file and on an NDJSON line alike.
        error_body = r'{"\u0065rror_code":"ModelArts.2775","error_msg":"not found"}'
        with_kind = r'{"error_code":"ModelArts.2775","error_msg":"m","\u006bind":"job"}'
        with_metadata = r'{"error_code":"ModelArts.2775","error_msg":"m","m\u0065tadata":{}}'
        pair = r'{"error_code":"ModelArts.2775","error_msg":"m","\ud83d\ude00":1}'
        # Every other escape, in a key the walk must get past whole (an escaped quote does not
        # end it); and escapes that are not JSON (lone surrogates, short or bad hex, an unknown
        # letter), which make no key, while the walk still goes on to the next.
        escapes = r'{"\"\\\/\b\f\n\r\t\"kind":1,"error_code":"ModelArts.2775","error_msg":"m"}'
        broken = (r'{"\ud800":1,"\udc00kind":2,"\ud800\u0041":3,"\ud800\ud800":4,"\u00g1":5,'
                  r'"\u12":6,"\x":7,"error_code":"ModelArts.2775","error_msg":"m"}')
        cases = [(error_body, "error_body"), (with_kind, "training_job"),
                 (with_metadata, "training_job"), (pair, "error_body"), (escapes, "error_body"),
                 (broken, "error_body")]
        for text, schema in cases:
            with self.subTest(text=text):
                status, out, _ = run(["validate", "--format", "json", self.write("b.json", text)])
                self.assertEqual(documents(out)[0]["schema"], schema, out)
        path = self.write("b.ndjson", "".join(text + "\n" for text, _ in cases))
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual([d["schema"] for d in documents(out)], [schema for _, schema in cases])


# ------------------------------------------------------------------------------------------------
class NdjsonInput(Scratch, unittest.TestCase):
    area = "ndjson"

    def test_diagnostics_name_the_line_and_a_broken_line_does_not_stop_the_rest(self):
        bad = full()
        bad["spec"]["schedule_policy"]["priority"] = 4
        lines = [api_text(), "", "{\"kind\": \"job\", \"metadata\": ", minified(bad),
                 "   ", minified(full())]
        path = self.write("jobs.ndjson", "\n".join(lines) + "\n")
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 1)
        located = [LOCATION.match(l) for l in out.splitlines() if LOCATION.match(l)]
        self.assertEqual([(int(m["line"]), m["code"]) for m in located],
                         [(1, "cross_member_rule"), (3, "syntax_error"), (4, "out_of_range")])
        # Blank lines are no documents: 4 documents, the last one (line 6) valid.
        self.assertEqual(totals(out), (4, 2, 2, 2, 1))
        excerpt, at = caret_under(out, out.splitlines().index(located[2].string))
        self.assertTrue(excerpt.startswith("    4 | "), excerpt)
        self.assertTrue(at.startswith("4,"), at)

    def test_json_output_locator_and_line(self):
        bad = full()
        bad["status"]["phase"] = "Runing"
        path = self.write("jobs.ndjson", minified(full()) + "\n" + minified(bad) + "\n")
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual([d["document"] for d in docs], [0, 1])
        self.assertEqual([d["locator"] for d in docs], ["line 1", "line 2"])
        self.assertEqual(docs[1]["diagnostics"][0]["line"], 2)
        self.assertEqual(docs[1]["diagnostics"][0]["pointer"], "/status/phase")

    def test_crlf_lines_and_no_final_newline(self):
        path = self.write("crlf.ndjson", minified(full()) + "\r\n" + minified(full()))
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 0, out)
        self.assertEqual(totals(out), (2, 2, 0, 0, 0))

    def test_detected_from_content_whatever_the_file_name(self):
        path = self.write("stream.txt", minified(full()) + "\n" + minified(full()) + "\n")
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0)
        self.assertEqual([d["locator"] for d in documents(out)], ["line 1", "line 2"])

    def test_each_line_reports_what_it_reports_alone_whatever_came_before(self):
        # The validator decodes each document into the storage the document before left
        # (conform::decode_into): a line's report must not depend on its neighbours. Every
        # fixture, folded onto one line (a newline is only ever whitespace in JSON text), in
        # order and then backwards, so that each follows two different documents.
        lines = []
        for kind in ("valid", "invalid"):
            folder = os.path.join(SOURCE, "tests", "fixtures", kind)
            for name in sorted(os.listdir(folder)):
                if name.endswith(".json") and name != "byte_order_mark.json":
                    with open(os.path.join(folder, name), "rb") as f:
                        lines.append(f.read().replace(b"\r", b" ").replace(b"\n", b" "))
        self.assertGreater(len(lines), 20)
        lines += lines[::-1]

        def reports(stdout):
            return [(d["valid"], d["errors"], d["warnings"],
                     [(x["severity"], x["code"], x["pointer"], x["column"], x["message"])
                      for x in d["diagnostics"]]) for d in documents(stdout)]

        _, out, _ = run(["validate", "--input", "ndjson", "--format", "json",
                         self.write("all.ndjson", b"\n".join(lines) + b"\n")])
        together = reports(out)
        self.assertEqual(len(together), len(lines))
        for i, line in enumerate(lines[:len(lines) // 2]):
            _, out, _ = run(["validate", "--input", "ndjson", "--format", "json",
                             self.write("one.ndjson", line + b"\n")])
            alone = reports(out)
            self.assertEqual(together[i], alone[0], line[:80])
            self.assertEqual(together[len(lines) - 1 - i], alone[0], line[:80])

    def test_forced_ndjson_on_a_one_line_file(self):
        path = self.write("one.json", minified(full()) + "\n")
        status, out, _ = run(["validate", "--input", "ndjson", "--format", "json", path])
        self.assertEqual(status, 0)
        self.assertEqual(documents(out)[0]["locator"], "line 1")


# ------------------------------------------------------------------------------------------------
class HarInput(Scratch, unittest.TestCase):
    area = "har"

    def test_the_example_archive(self):
        status, out, _ = run(["validate", "--format", "json", "examples/training-jobs.har"])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual(len(docs), 4)
        self.assertEqual([d["schema"] for d in docs],
                         ["training_job", "training_job", "training_job", "error_body"])
        self.assertEqual([d["valid"] for d in docs], [True, True, False, True])
        for d in docs:
            self.assertRegex(d["locator"], r"^entry \d+ GET https://\S+/training-jobs/\S+$")
        # Entry 3's body is base64 in the archive: decoded, it is valid.
        self.assertTrue(docs[1]["locator"].startswith("entry 3 GET "))
        self.assertEqual(docs[1]["diagnostics"], [])

    def test_skipped_entries_are_counted_and_named(self):
        status, out, _ = run(["validate", "examples/training-jobs.har"])
        self.assertEqual(status, 1)
        self.assertIn("examples/training-jobs.har: note: 3 of 7 entries skipped (3 not a GET of "
                      "/v2/{project_id}/training-jobs/{training_job_id})\n", out)
        self.assertIn("examples/training-jobs.har: in entry 5 GET https://", out)
        self.assertEqual(totals(out), (4, 3, 1, 4, 1))

    def test_statuses_and_schemas(self):
        bad_error = '{"error_msg":"boom"}'
        entries = [
            har_entry(JOB_URL, 200, minified(full())),
            har_entry(JOB_URL, 500, bad_error),
            har_entry(JOB_URL, 304, ""),
            har_entry(JOB_URL, 0, ""),
            har_entry(JOB_URL + "/metrics", 200, "{}"),
            har_entry(JOB_URL, 200, "{}", method="DELETE"),
            har_entry(JOB_URL + "?x=1#f", 404, '{"error_code":"ModelArts.2775","error_msg":"nf"}'),
            har_entry(JOB_URL, 200.0, minified(full())),  # a number all the same
        ]
        # Statuses that are no number the note could name: past INT64_MAX, a string.
        beyond = har_entry(JOB_URL, 0, "")
        beyond["response"]["status"] = 18446744073709551615
        text = har_entry(JOB_URL, 0, "")
        text["response"]["status"] = "200"
        path = self.write("statuses.har", har(entries + [beyond, text]))
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual([d["schema"] for d in docs],
                         ["training_job", "error_body", "error_body", "training_job"])
        self.assertEqual([d["valid"] for d in docs], [True, False, True, True])
        self.assertEqual(docs[1]["diagnostics"][0]["code"], "missing_member")
        self.assertEqual(docs[1]["diagnostics"][0]["pointer"], "/error_code")
        self.assertIn("6 of 10 entries skipped (2 not a GET of /v2/{project_id}/training-jobs/"
                      "{training_job_id}, 1 with status 0, 1 with status 304, 2 without a "
                      "request method and URL or a response status)", err)

    def test_path_parameters_are_validated(self):
        url = "https://modelarts.example.com/v2/my_project/training-jobs/"
        path = self.write("path.har", har([har_entry(url, 200, "{}"),
                                           har_entry(JOB_URL.replace("0123", "%41"), 200, "{}")]))
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        diags = [(d["in"], d["code"], d["pointer"]) for d in docs[0]["diagnostics"]]
        self.assertEqual(diags, [("path", "invalid_character", "/project_id"),
                                 ("path", "length_out_of_range", "/training_job_id")])
        self.assertTrue(docs[1]["valid"], docs[1])  # %41 is 'A' once decoded

    def test_invalid_base64_is_a_diagnostic_on_its_entry(self):
        entries = [har_entry(JOB_URL, 200, "eyJraW5kIjoiam9iIn0%%%", encoding="base64"),
                   har_entry(JOB_URL, 200, base64.b64encode(b'{"kind":"job"}').decode(),
                             encoding="base64")]
        path = self.write("b64.har", har(entries))
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual(len(docs), 2)
        self.assertFalse(docs[0]["valid"])
        self.assertEqual(docs[0]["diagnostics"][0]["code"], "syntax_error")
        self.assertIn("base64", docs[0]["diagnostics"][0]["message"])
        self.assertIn("offset 19", docs[0]["diagnostics"][0]["message"])
        self.assertTrue(docs[1]["valid"])

    def test_truncated_archive_exit_2_after_the_entries_before_the_break(self):
        text = open(os.path.join(SOURCE, "examples", "training-jobs.har"), encoding="utf-8").read()
        cut = text.index('"2024-06-10T08:00:06.733Z"')  # inside the 6th entry
        path = self.write("cut.har", text[:cut])
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 2)
        self.assertEqual(len(err.splitlines()), 1, err)
        # With --format json the skip note, which goes to standard error, joins the one line.
        self.assertRegex(err, r"^conform: .*cut\.har: broken HAR at line \d+, column \d+ "
                              r"\(byte \d+\): .*; 5 entries before it were read, 3 of 5 entries "
                              r"skipped \(3 not a GET of .*\)\n$")
        self.assertEqual(len(documents(out)), 2)  # entries 1 and 3

    def test_truncated_archive_still_notes_the_skipped_entries(self):
        text = open(os.path.join(SOURCE, "examples", "training-jobs.har"), encoding="utf-8").read()
        path = self.write("head.har", text[:20000])  # `head -c 20000`: five entries read
        status, out, err = run(["validate", path])
        self.assertEqual(status, 2)
        self.assertIn(f"{path}: note: 3 of 5 entries skipped (3 not a GET of /v2/{{project_id}}/"
                      "training-jobs/{training_job_id})\n", out)
        self.assertEqual(totals(out), (2, 2, 0, 0, 1))
        self.assertRegex(err, r"^conform: .*head\.har: broken HAR at line \d+, column \d+ "
                              r"\(byte 20000\): .*; 5 entries before it were read\n$")

    def test_a_second_archive_after_the_first_is_extra_data(self):
        # `cat a.har b.har`: not one JSON document. The first archive's entries are validated,
        # then the break is where the second begins, whether it starts in the same read as the
        # end of the first or in a later one (a large first archive).
        text = open(os.path.join(SOURCE, "examples", "training-jobs.har"), encoding="utf-8").read()
        text = text.rstrip() + "\n"
        lines = text.count("\n")
        padded = text.replace('"pages": [],', '"pages": [], "x": "' + "c" * (200 << 10) + '",', 1)
        self.assertNotEqual(padded, text)
        for name, first in (("two.har", text), ("big.har", padded)):
            with self.subTest(name=name):
                path = self.write(name, first + "  " + text)
                status, out, err = run(["validate", path])
                self.assertEqual(status, 2)
                self.assertEqual(totals(out), (4, 3, 1, 4, 1))
                self.assertRegex(err, r"^conform: .*\.har: broken HAR at line %d, column 3 "
                                      r"\(byte %d\): extra data; 7 entries before it were read\n$"
                                 % (lines + 1, len(first.encode()) + 2))

    def test_the_broken_archive_column_counts_characters(self):
        # As every column conform reports: characters, not bytes ("é" is two bytes).
        prefix = '{"log": {"comment": "\u00e9t\u00e9 \\"\u00fc\\"", "entries": [\n  "\u00e9", '
        path = self.write("wide.har", prefix + "x]}}")
        status, out, err = run(["validate", path])
        self.assertEqual(status, 2, out + err)
        last_line = prefix.split("\n")[-1]
        self.assertRegex(err, r"broken HAR at line 2, column %d \(byte %d\): "
                         % (len(last_line) + 1, len(prefix.encode())))

    def test_the_broken_archive_position_past_the_first_read(self):
        # The parser reads an archive a megabyte at a time: the break's line and column are
        # counted from the start of the read it stops in, here on a line of 1.6 MB that spans
        # two reads, after a line break in the second.
        for tail in ("", '"\u00e9\u00e9",\n   '):
            with self.subTest(tail=tail):
                prefix = ('{"log": {"comment": "' + "\u00e9" * 800_000 + '", "entries": [' + tail)
                path = self.write("long.har", prefix + "}}")
                status, out, err = run(["validate", path])
                self.assertEqual(status, 2, out + err)
                last_line = prefix.split("\n")[-1]
                self.assertRegex(err, r"broken HAR at line %d, column %d \(byte %d\): "
                                 % (prefix.count("\n") + 1, len(last_line) + 1,
                                    len(prefix.encode())))

    def test_broken_and_wrong_archives_exit_2_with_one_line(self):
        cases = {
            "garbage.har": '{"log": {"entries": [}}',
            "noentries.har": '{"log": {"version": "1.2"}}',
            "array.har": '[1, 2]',
        }
        for name, text in cases.items():
            with self.subTest(name=name):
                path = self.write(name, text)
                status, out, err = run(["validate", "--input", "har", path])
                self.assertEqual(status, 2, out + err)
                self.assertEqual(len(err.splitlines()), 1, err)
                self.assertTrue(err.startswith("conform: "), err)

    def test_a_byte_order_mark_is_ignored(self):
        # HAR 1.2: "The reader must ignore a byte order mark if it exists in the file."
        text = har([har_entry(JOB_URL, 200, minified(full()))])
        path = self.write("bom.har", b"\xef\xbb\xbf" + text.encode())
        status, out, err = run(["validate", path])
        self.assertEqual((status, err), (0, ""), out)
        self.assertEqual(totals(out), (1, 1, 0, 0, 0))

    def test_malformed_entries_are_skipped_not_fatal(self):
        text = json.dumps({"log": {"entries": [5, {"request": {}}, [],
                                               har_entry(JOB_URL, 200, "{}")]}})
        path = self.write("odd.har", text)
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 0, out)
        self.assertIn("3 of 4 entries skipped (3 without a request method and URL or a response "
                      "status)", out)

    def test_an_entry_without_a_body_says_so(self):
        # HAR 1.2 lets an archive leave content.text out, and browsers do for bodies they did
        # not keep: no invalid JSON at 1:1 for a body the server never sent empty.
        entry = har_entry(JOB_URL, 200, "")
        no_text = copy.deepcopy(entry)
        del no_text["response"]["content"]["text"]
        no_text["response"]["content"]["size"] = 1234
        null_text = copy.deepcopy(entry)
        null_text["response"]["content"]["text"] = None
        no_content = copy.deepcopy(entry)
        del no_content["response"]["content"]
        string_content = copy.deepcopy(entry)
        string_content["response"]["content"] = "{}"
        path = self.write("nobody.har", har([no_text, null_text, no_content, string_content]))
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1, out + err)
        expected = "expected the response body, a string in response.content.text of the HAR " \
                   "entry, found "
        found = [[(d["code"], d["message"]) for d in doc["diagnostics"]] for doc in documents(out)]
        self.assertEqual(found, [
            [("missing_member", "missing member: " + expected + "no content.text: the archive "
              "kept no body (content.size says 1234 bytes)")],
            [("type_mismatch", "wrong type: " + expected + "content.text is null")],
            [("missing_member", "missing member: " + expected + "no response.content")],
            [("type_mismatch", "wrong type: " + expected + "response.content is a string")],
        ])

    def test_an_encoding_other_than_base64_is_a_warning(self):
        # HAR 1.2 names one encoding, base64; another is read as plain text, but not silently.
        body = minified(full())
        entries = []
        for encoding in ("gzip", "", None, 7):
            entries.append(har_entry(JOB_URL, 200, body))
            entries[-1]["response"]["content"]["encoding"] = encoding
        path = self.write("encodings.har", har(entries))
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0, out + err)
        found = [[(d["severity"], d["code"], d["message"]) for d in doc["diagnostics"]]
                 for doc in documents(out)]
        expected = 'unknown enumeration value: expected content.encoding "base64" or none, found '
        self.assertEqual(found, [
            [("warning", "unknown_enum_value", expected + '"gzip"; the text was read as it is')],
            [], [],
            [("warning", "unknown_enum_value", expected + "a number; the text was read as it is")],
        ])

    def test_duplicate_members_that_the_reader_reads_are_reported(self):
        # An entry's DOM keeps the last of a duplicated member, as Boost.JSON's does; a tool
        # that keeps the first would read another body, so a duplicate is never resolved
        # silently. Duplicates among members the reader does not read do not matter.
        good = json.dumps(minified(full()))
        url = json.dumps(JOB_URL)
        req = '"request": {"method": "GET", "url": %s}' % url
        entries = [
            # 0: two bodies; the last is read, and valid: the duplicate alone is the finding.
            '{%s, "response": {"status": 200, "content": {"text": "{}", "text": %s}}}'
            % (req, good),
            # 1: a second method decides whether the entry is a document at all: skipped, and
            # counted as such.
            '{"request": {"method": "GET", "method": "POST", "url": %s}, "response": '
            '{"status": 200, "content": {"text": %s}}}' % (url, good),
            # 2: a second response object.
            '{%s, "response": {"status": 500}, "response": {"status": 200, "content": '
            '{"text": %s, "encoding": "", "encoding": ""}}}' % (req, good),
            # 3: duplicates only where the reader does not look.
            '{"request": {"method": "GET", "url": %s, "headers": [{"name": "a", "name": "b"}]}, '
            '"cache": {"x": 1, "x": 2}, "response": {"status": 200, "content": {"text": %s, '
            '"mimeType": "a", "mimeType": "b", "x": {"text": 1, "text": 2}}}}' % (url, good),
            # 4: a second status of a POST: it could not have made the entry a document, so
            # the entry is counted as not a GET.
            '{"request": {"method": "POST", "url": %s}, "response": {"status": 200, '
            '"status": 201}}' % url,
            # 5: a GET whose second status is a redirect's: the first would have made it a
            # document, so it is counted with the duplicates.
            '{%s, "response": {"status": 200, "status": 302}}' % req,
        ]
        path = self.write("dup.har", '{"log": {"entries": [%s]}}' % ", ".join(entries))
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1, out + err)
        docs = documents(out)
        self.assertEqual([d["locator"].split()[1] for d in docs], ["0", "2", "3"])
        found = [[(d["code"], d["message"]) for d in doc["diagnostics"]] for doc in docs]
        expected = 'duplicate key: expected one "%s" member in the HAR entry, found more than one; ' \
                   'the last is the one read'
        self.assertEqual(found, [[("duplicate_key", expected % "response.content.text")],
                                 [("duplicate_key", expected % "response"),
                                  ("duplicate_key", expected % "response.content.encoding")],
                                 []])
        self.assertIn("3 of 6 entries skipped (1 not a GET of /v2/{project_id}/training-jobs/"
                      "{training_job_id}, 2 with a duplicate request, response, method, url or "
                      "status member)", err)

    def test_diagnostics_in_a_pretty_printed_body_give_body_line_and_column(self):
        body = full()
        body["status"]["phase"] = "Runing"
        text = json.dumps(body, indent=2)
        path = self.write("pretty.har", har([har_entry(JOB_URL, 200, text)]))
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 1)
        lines = out.splitlines()
        self.assertEqual(lines[0], f"{path}: in entry 0 GET {JOB_URL}:")
        m = LOCATION.match(lines[1])
        self.assertEqual(int(m["line"]), text.splitlines().index('    "phase": "Runing",') + 1)
        self.assertEqual(int(m["column"]), 14)


# ------------------------------------------------------------------------------------------------
class HttpInput(Scratch, unittest.TestCase):
    area = "http"

    def test_the_example_capture(self):
        status, out, _ = run(["validate", "--format", "json", "examples/training-job.http"])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual(len(docs), 1)  # the 301 before it is a redirect, not a document
        self.assertEqual(docs[0]["locator"], "line 5 HTTP/1.1 200 OK")
        self.assertEqual([(d["code"], d["pointer"]) for d in docs[0]["diagnostics"]],
                         [("out_of_range", "/spec/schedule_policy/priority")])

    def test_raw_chunked_body_split_inside_tokens(self):
        body = minified(full()).encode()
        chunks = [body[i:i + 7] for i in range(0, len(body), 7)]
        raw = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
        capture = (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json"
                   b"\r\nTransfer-Encoding: chunked\r\n\r\n" + raw)
        path = self.write("chunked.http", capture)
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0, out + err)
        self.assertEqual(documents(out)[0]["locator"], "line 3 HTTP/1.1 200 OK")

    def test_raw_chunks_cut_short_are_a_note(self):
        # A capture that ends inside a chunked body: the truncated JSON is reported, and a note
        # says the framing ended early, so that the error is not taken for the server's.
        body = minified(full()).encode()
        chunks = [body[i:i + 500] for i in range(0, len(body), 500)]
        raw = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks)
        head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        whole = self.write("whole.http", head + raw + b"0\r\n\r\n")
        status, out, err = run(["validate", whole])
        self.assertEqual((status, err), (0, ""), out)
        self.assertNotIn("note:", out)
        cut = self.write("cut.http", head + raw[:len(raw) // 2])
        status, out, err = run(["validate", cut])
        self.assertEqual((status, err), (1, ""), out)
        self.assertIn("[syntax_error]", out)
        self.assertTrue(out.endswith(
            f"{cut}: note: line 1 HTTP/1.1 200 OK: the chunked body ends without its last chunk "
            "(size 0): the capture was cut short\n1 documents, 0 valid, 1 invalid, 1 errors, "
            "0 warnings\n"), out)

    def test_a_body_short_of_its_content_length_is_a_note(self):
        # The same for a body that holds fewer bytes than its Content-Length announces; not
        # when a Content-Encoding makes the length the encoded one (curl --compressed prints
        # the decoded body), and not for an empty body (a HEAD request's answer).
        body = minified(full()).encode()
        head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n" % len(body)
        whole = self.write("whole.http", head + b"\r\n" + body)
        status, out, err = run(["validate", whole])
        self.assertEqual((status, err), (0, ""), out)
        self.assertNotIn("note:", out)
        held = len(body) // 2
        cut = self.write("cut.http", head + b"\r\n" + body[:held])
        status, out, err = run(["validate", cut])
        self.assertEqual((status, err), (1, ""), out)
        self.assertIn("[syntax_error]", out)
        self.assertTrue(out.endswith(
            f"{cut}: note: line 1 HTTP/1.1 200 OK: the body holds {held} of the {len(body)} "
            "bytes its Content-Length announces: the capture was cut short\n1 documents, 0 "
            "valid, 1 invalid, 1 errors, 0 warnings\n"), out)
        # Cut short and followed by another capture's response: the same note, in its place.
        second = b"HTTP/1.1 200 OK\r\n\r\n" + body
        both = self.write("both.http", head + b"\r\n" + body[:held] + b"\r\n" + second)
        status, out, err = run(["validate", both])
        self.assertEqual((status, err), (1, ""), out)
        self.assertIn("note: line 1 HTTP/1.1 200 OK: the body holds ", out)
        self.assertEqual(out.count("note:"), 1, out)
        for extra in (b"Content-Encoding: gzip\r\n", b"Transfer-Encoding: chunked\r\n"):
            other = self.write("other.http", head + extra + b"\r\n" + body[:held])
            status, out, err = run(["validate", other])
            self.assertEqual((status, err), (1, ""), out)
            self.assertNotIn("note:", out)
        empty = self.write("empty.http", head + b"\r\n")
        status, out, err = run(["validate", empty])
        self.assertNotIn("note:", out)

    def test_error_status_uses_the_error_body_and_lf_only_lines(self):
        capture = ("HTTP/1.1 404 Not Found\nContent-Type: application/json\n\n"
                   '{"error_code":"ModelArts.2775","error_msg":"Training job not found."}\n')
        path = self.write("404.http", capture)
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0, out)
        self.assertEqual(documents(out)[0]["schema"], "error_body")

    def test_several_responses_content_length_and_http2(self):
        first = minified(full())
        second = '{"kind":"job","status":{"phase":"Runing"}}'
        capture = (f"HTTP/1.1 200 OK\r\nContent-Length: {len(first)}\r\n\r\n{first}"
                   f"HTTP/2 200 \r\ncontent-type: application/json\r\n\r\n{second}\r\n")
        path = self.write("two.http", capture)
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual([d["valid"] for d in docs], [True, False])
        self.assertEqual(docs[1]["locator"], "line 4 HTTP/2 200")
        self.assertEqual(docs[1]["diagnostics"][0]["pointer"], "/status/phase")

    def test_curl_location_redirect_with_a_length_but_no_body(self):
        capture = ("HTTP/1.1 302 Found\r\nLocation: /v2/x/training-jobs/y\r\nContent-Length: 154\r\n"
                   "\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   + minified(full()) + "\n")
        path = self.write("redirect.http", capture)
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 0, out)
        self.assertEqual(totals(out), (1, 1, 0, 0, 0))

    def test_a_status_that_is_no_status_code_is_a_note(self):
        # 100 to 599 are status codes (RFC 9110); 099 or 600 is a damaged capture: said so, in
        # order, where a redirect is skipped without a word.
        capture = ("HTTP/1.1 302 Found\r\nContent-Length: 0\r\n\r\n"
                   "HTTP/1.1 600 Odd\r\n\r\n{}\n"
                   "HTTP/1.1 200 OK\r\n\r\n" + minified(full()) + "\n"
                   "HTTP/1.1 099\r\n\r\n{}\n")
        path = self.write("odd.http", capture)
        status, out, err = run(["validate", path])
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(out, f"{path}: note: line 4 HTTP/1.1 600 Odd: 600 is no HTTP status code "
                              "(100 to 599); the response is skipped\n"
                              f"{path}: note: line 10 HTTP/1.1 099: 099 is no HTTP status code "
                              "(100 to 599); the response is skipped\n"
                              "1 documents, 1 valid, 0 invalid, 0 errors, 0 warnings\n")
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0)
        self.assertEqual([d["locator"] for d in documents(out)], ["line 7 HTTP/1.1 200 OK"])
        self.assertEqual(err.count("is no HTTP status code"), 2)
        self.assertEqual(run(["validate", "--quiet", path]), (0, "", ""))

    def test_file_line_column_and_locator_header(self):
        # A body as it stands in the file: the file's line and column, so that an editor
        # jumps to the value; the header says which response.
        capture = ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: "
                   "application/json\r\n\r\n{\r\n  \"kind\": \"jobb\"\r\n}\r\n")
        path = self.write("kind.http", capture)
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 1)
        lines = out.splitlines()
        self.assertEqual(lines[0], f"{path}: in line 3 HTTP/1.1 200 OK:")
        m = LOCATION.match(lines[1])
        self.assertEqual((m["line"], m["column"], m["code"]), ("7", "11", "unknown_enum_value"))
        self.assertEqual(capture.split("\r\n")[6][10:], '"jobb"')  # line 7, column 11
        _, out, _ = run(["validate", "--format", "json", path])
        d = documents(out)[0]["diagnostics"][0]
        self.assertEqual((d["line"], d["column"]), (7, 11))
        # A chunked body is put together from its chunks: its own line and column.
        body = '{\r\n  "kind": "jobb"\r\n}'
        chunked = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                   f"{len(body):x}\r\n{body}\r\n0\r\n\r\n")
        path = self.write("chunked.http", chunked)
        status, out, _ = run(["validate", path])
        self.assertEqual(status, 1)
        m = LOCATION.match(out.splitlines()[1])
        self.assertEqual((m["line"], m["column"]), ("2", "11"))

    def test_text_where_a_response_should_start_is_exit_2(self):
        # After a response without a body (100 here), a damaged status line: not dropped
        # unsaid. The responses before it are reported, then the one-line message. A status
        # line is "HTTP/" with a version (one digit, or digit.digit), a space and three digits,
        # then a space or the end of the line.
        head = (f"HTTP/1.1 200 OK\r\nContent-Length: {len(minified(full()))}\r\n\r\n"
                f"{minified(full())}\r\nHTTP/1.1 100 Continue\r\n\r\n")
        for damaged in ("HTTP/1.1 2OO OK", "HTTP/x 200 OK", "HTTP/1. 200 OK", "HTTP/1.1 20",
                        "HTTP/1.1 2000 OK", "HTTP/1.1  200 OK", "HTTP 200 OK"):
            with self.subTest(damaged=damaged):
                path = self.write("damaged.http", head + damaged + '\r\n\r\n{"kind": "job"}\r\n')
                status, out, err = run(["validate", "--format", "json", path])
                self.assertEqual(status, 2)
                self.assertEqual([d["valid"] for d in documents(out)], [True])
                self.assertEqual(err, f"conform: {path}: not an HTTP response: line 7 is not a "
                                      "status line; the responses before it were read\n")
        for sound in ("HTTP/2 200", "HTTP/1.0 200 OK"):
            with self.subTest(sound=sound):
                path = self.write("sound.http", head + sound + "\r\n\r\n" + minified(full()))
                status, out, err = run(["validate", "--format", "json", path])
                self.assertEqual((status, err), (0, ""))
                self.assertEqual([d["valid"] for d in documents(out)], [True, True])

    def test_not_http_when_forced_is_exit_2(self):
        path = self.write("nothttp.txt", "hello\r\n\r\n{}")
        status, _, err = run(["validate", "--input", "http", path])
        self.assertEqual(status, 2)
        self.assertEqual(err, f"conform: {path}: not an HTTP response: line 1 is not a status "
                              "line\n")


# ------------------------------------------------------------------------------------------------
class Stdin(unittest.TestCase):
    area = "stdin"

    def test_dash_and_no_argument_read_stdin(self):
        for args in (["validate", "-"], ["validate"]):
            with self.subTest(args=args):
                status, out, _ = run(args + ["--format", "json"], stdin=api_text().encode())
                self.assertEqual(status, 0)
                docs = documents(out)
                self.assertEqual(docs[0]["source"], "-")
                self.assertEqual(docs[0]["diagnostics"][0]["code"], "cross_member_rule")

    def test_standard_input_twice_is_a_usage_error(self):
        for args in (["validate", "-", "-"], ["validate", "-", "examples/training-jobs.ndjson", "-"]):
            with self.subTest(args=args):
                status, out, err = run(args, stdin=api_text().encode())
                self.assertEqual((status, out), (2, ""))
                self.assertEqual(err, "conform: standard input ('-') can be given only once (see "
                                      "'conform validate --help')\n")

    def test_ndjson_and_har_detected_on_stdin(self):
        stream = (minified(full()) + "\n") * 3
        status, out, _ = run(["validate"], stdin=stream.encode())
        self.assertEqual(status, 0)
        self.assertEqual(totals(out), (3, 3, 0, 0, 0))
        with open(os.path.join(SOURCE, "examples", "training-jobs.har"), "rb") as f:
            status, out, _ = run(["validate", "-"], stdin=f.read())
        self.assertEqual(status, 1)
        self.assertIn("-: in entry 5 GET ", out)

    def test_reports_stream_out_while_the_input_is_still_open(self):
        # `tail -f capture.ndjson | conform validate`: each report appears when its line is
        # validated, not when the input ends (with any --jobs).
        for jobs in ("1", "2"):
            with self.subTest(jobs=jobs):
                p = subprocess.Popen([EXE, "validate", "--input", "ndjson", "--format", "json",
                                      "--jobs", jobs], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, cwd=SOURCE)
                try:
                    for n in range(3):
                        p.stdin.write((minified(full()) + "\n").encode())
                        p.stdin.flush()
                        ready, _, _ = select.select([p.stdout], [], [], 30)
                        self.assertTrue(ready, f"no report for line {n + 1} while input is open")
                        self.assertEqual(json.loads(p.stdout.readline())["locator"],
                                         f"line {n + 1}")
                finally:
                    p.stdin.close()
                    p.stdout.read()
                    p.wait(timeout=60)
                self.assertEqual(p.returncode, 0)

    def test_leading_whitespace_on_a_pipe_is_read_in_linear_time(self):
        # Format detection looks past leading whitespace while the look-ahead grows a read at
        # a time; it once rescanned the look-ahead from the start after each read. A one-page
        # pipe makes every read at most 4 KiB, so 20 MB of whitespace took 5,000 rescans of
        # 10 MB on average (half a minute); read linearly, it is a fraction of a second.
        spaces = 20_000_000
        p = subprocess.Popen([EXE, "validate", "--format", "json"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=SOURCE)
        try:
            try:
                fcntl.fcntl(p.stdin.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)
            except OSError:
                self.skipTest("the pipe's size cannot be set here")
            out, err = p.communicate(b" " * spaces + b"{}\n{}\n", timeout=10)
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate()
        self.assertEqual(p.returncode, 0, err)
        docs = documents(out.decode())
        self.assertEqual([(d["locator"], d["valid"]) for d in docs],
                         [("line 1", True), ("line 2", True)])

    def test_http_on_stdin(self):
        with open(os.path.join(SOURCE, "examples", "training-job.http"), "rb") as f:
            status, out, _ = run(["validate", "--format", "json"], stdin=f.read())
        self.assertEqual(status, 1)
        self.assertEqual(documents(out)[0]["locator"], "line 5 HTTP/1.1 200 OK")


# ------------------------------------------------------------------------------------------------
class ExitStatus(Scratch, unittest.TestCase):
    area = "exit_status"

    def test_0_when_all_valid_even_with_warnings(self):
        self.assertEqual(run(["validate", "tests/fixtures/valid/api_example.json"])[0], 0)

    def test_1_with_werror_when_there_are_warnings(self):
        status, out, _ = run(["validate", "--werror", "--format", "json",
                              "tests/fixtures/valid/api_example.json"])
        self.assertEqual(status, 1)
        self.assertFalse(documents(out)[0]["valid"])
        self.assertEqual(documents(out)[0]["diagnostics"][0]["severity"], "warning")

    def test_1_when_a_document_is_invalid(self):
        self.assertEqual(run(["validate", "examples/training-jobs.ndjson"])[0], 1)

    def test_2_for_a_missing_file_with_one_line_and_the_rest_still_validated(self):
        status, out, err = run(["validate", "no/such/file.json",
                                "tests/fixtures/valid/full.json"])
        self.assertEqual(status, 2)
        self.assertEqual(err, "conform: no/such/file.json: No such file or directory\n")
        self.assertEqual(totals(out), (1, 1, 0, 0, 0))

    def test_control_characters_in_a_file_name_are_masked_on_stderr(self):
        status, out, err = run(["validate", "nope\x1b[31m\x07"])
        self.assertEqual(status, 2)
        self.assertEqual(err, "conform: nope?[31m?: No such file or directory\n")
        status, out, err = run(["validate", "--format", "\x1b[2J"])
        self.assertEqual(status, 2)
        self.assertNotIn("\x1b", err)

    def test_2_for_a_directory(self):
        status, _, err = run(["validate", "examples"])
        self.assertEqual(status, 2)
        self.assertEqual(len(err.splitlines()), 1, err)

    def test_2_for_usage_errors_with_one_line(self):
        for args in (["validate", "--format", "xml"], ["validate", "--bogus"], [],
                     ["validate", "--jobs", "-3"], ["frobnicate"],
                     ["validate", "--max-diagnostics", "many"]):
            with self.subTest(args=args):
                status, out, err = run(args)
                self.assertEqual(status, 2, out + err)
                self.assertEqual(len(err.splitlines()), 1, err)
                self.assertTrue(err.startswith("conform: "), err)
                self.assertEqual(out, "")

    def test_help_and_version_exit_0(self):
        status, out, _ = run(["validate", "--help"])
        self.assertEqual(status, 0)
        self.assertIn("--max-diagnostics", out)
        status, out, _ = run(["--version"])
        self.assertEqual(status, 0)
        self.assertTrue(out.startswith("conform "), out)


# ------------------------------------------------------------------------------------------------
class Strict(Scratch, unittest.TestCase):
    area = "strict"

    def test_unknown_members_and_open_enum_values(self):
        body = full()
        body["status"]["foo"] = 1
        body["status"]["secondary_phase"] = "Hibernating"
        path = self.write("drift.json", minified(body))
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 0, out)
        diags = documents(out)[0]["diagnostics"]
        self.assertEqual(sorted((d["code"], d["pointer"], d["severity"]) for d in diags),
                         [("unknown_enum_value", "/status/secondary_phase", "warning"),
                          ("unknown_member", "/status/foo", "warning")])
        status, out, _ = run(["validate", "--strict", "--format", "json", path])
        self.assertEqual(status, 1)
        diags = documents(out)[0]["diagnostics"]
        self.assertEqual(sorted((d["code"], d["severity"]) for d in diags),
                         [("unknown_enum_value", "error"), ("unknown_member", "error")])

    def test_strict_does_not_turn_closed_rule_warnings_into_errors(self):
        status, _, _ = run(["validate", "--strict", "tests/fixtures/valid/api_example.json"])
        self.assertEqual(status, 0)


# ------------------------------------------------------------------------------------------------
class Summary(Scratch, unittest.TestCase):
    area = "summary"

    def make_stream(self):
        lines = []
        for i in range(5000):
            body = full()
            body["metadata"]["name"] = f"job-{i}"
            if i % 5 != 0:
                body["status"]["foo"] = i
            if i % 1000 == 7:
                body["status"]["task_statuses"][1]["exit_code"] = 2 ** 40
            lines.append(minified(body))
        return self.write("drift.ndjson", "\n".join(lines) + "\n")

    def test_text_tables_count_documents_and_fold_indices(self):
        path = self.make_stream()
        status, out, _ = run(["validate", "--summary", "--quiet", path])
        self.assertEqual(status, 1)
        self.assertIn("  unknown member `/status/foo` in 4,000 of 5,000 documents\n", out)
        self.assertIn("  integer does not fit `/status/task_statuses/*/exit_code` in 5 of 5,000 "
                      "documents\n", out)
        self.assertIn("  unknown_member    4,000 diagnostics in 4,000 of 5,000 documents\n", out)
        self.assertEqual(totals(out), (5000, 4995, 5, 5, 4000))

    def test_json_summary_object_last(self):
        path = self.make_stream()
        status, out, _ = run(["validate", "--summary", "--format", "json", "--jobs", "2", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual(len(docs), 5001)
        summary = docs[-1]["summary"]
        self.assertEqual(summary["documents"], 5000)
        self.assertEqual(summary["invalid"], 5)
        by_pointer = {(p["code"], p["pointer"]): p["documents"] for p in summary["by_pointer"]}
        self.assertEqual(by_pointer[("unknown_member", "/status/foo")], 4000)
        self.assertEqual(by_pointer[("integer_overflow", "/status/task_statuses/*/exit_code")], 5)

    def test_member_names_made_of_digits_are_not_folded(self):
        # Only array indices fold to `*`: "0" in annotations and "7" at the top level are member
        # names, and so is "0" inside an element of task_statuses (whose index folds).
        job = full()
        job["7"] = 1
        job["status"]["task_statuses"][1]["0"] = 1
        job["status"]["task_statuses"][1]["exit_code"] = 2 ** 40
        path = self.write("digits.ndjson", minified(job) + "\n" + '{"metadata":{"name":"x",'
                          '"id":"y","annotations":{"0":1}},"7":1}\n')
        status, out, _ = run(["validate", "--summary", "--quiet", path])
        self.assertEqual(status, 1)
        self.assertIn("  wrong type `/metadata/annotations/0` in 1 of 2 documents\n", out)
        self.assertIn("  unknown member `/7` in 2 of 2 documents\n", out)
        self.assertIn("  unknown member `/status/task_statuses/*/0` in 1 of 2 documents\n", out)
        self.assertIn("  integer does not fit `/status/task_statuses/*/exit_code` in 1 of 2 "
                      "documents\n", out)
        self.assertNotIn("`/*`", out)
        status, out, _ = run(["validate", "--summary", "--format", "json", path])
        pointers = {p["pointer"] for p in documents(out)[-1]["summary"]["by_pointer"]}
        self.assertEqual(pointers, {"/metadata/annotations/0", "/7", "/status/task_statuses/*/0",
                                    "/status/task_statuses/*/exit_code"})

    def test_long_pointers_are_tallied_cut_to_400_characters(self):
        # Keys can be up to max_string_bytes (1 MiB) each, and the table keeps up to 10,000
        # pointers: kept whole, a hostile stream could fill gigabytes. Cut, with the length.
        lines = []
        for key in ("x" * 5000 + "0", "x" * 5000 + "1", "x" * 5000 + "0", "y" * 300):
            lines.append(json.dumps({"metadata": {"name": "x", "id": "y", key: 1}}))
        path = self.write("long.ndjson", "\n".join(lines) + "\n")
        status, out, _ = run(["validate", "--summary", "--format", "json", path])
        self.assertEqual(status, 0)
        summary = documents(out)[-1]["summary"]
        by_pointer = {p["pointer"]: p["documents"] for p in summary["by_pointer"]
                      if p["code"] == "unknown_member"}
        cut = "/metadata/" + "x" * (400 - len("/metadata/")) + "... (5011 characters)"
        self.assertEqual(by_pointer, {cut: 3, "/metadata/" + "y" * 300: 1})
        status, out, _ = run(["validate", "--summary", "--quiet", path])
        self.assertIn(f"  unknown member `{cut}` in 3 of 4 documents\n", out)
        # Each document's own report keeps its whole pointer.
        _, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(documents(out)[0]["diagnostics"][0]["pointer"],
                         "/metadata/" + "x" * 5000 + "0")

    def test_counts_past_max_diagnostics_are_not_passed_off_as_exact(self):
        path = self.write("m.json", json.dumps({f"k{i}": i for i in range(150)}))
        status, out, _ = run(["validate", "--summary", "-q", path])
        self.assertEqual(status, 0)
        self.assertIn("  unknown_member  at least 100 diagnostics in at least 1 of 1 documents\n",
                      out)
        self.assertIn("  (50 more diagnostics (0 errors, 50 warnings) past --max-diagnostics in 1 "
                      "of 1 documents: not kept, so not counted by code or pointer)\n", out)
        self.assertIn("  unknown member `/k0` in at least 1 of 1 documents\n", out)
        self.assertNotIn("too_many_diagnostics", out)
        self.assertNotIn("too many diagnostics", out)
        self.assertNotIn("``", out)
        self.assertEqual(totals(out), (1, 1, 0, 0, 150))
        status, out, _ = run(["validate", "--summary", "-q", "--max-diagnostics", "0", path])
        self.assertEqual(out, "summary by code:\n"
                              "  (150 more diagnostics (0 errors, 150 warnings) past "
                              "--max-diagnostics in 1 of 1 documents: not kept, so not counted by "
                              "code or pointer)\n"
                              "summary by pointer (array indices folded to *):\n"
                              "  (and the 150 diagnostics past --max-diagnostics, not tallied)\n"
                              "1 documents, 1 valid, 0 invalid, 0 errors, 150 warnings\n")
        status, out, _ = run(["validate", "--summary", "--format", "json", "--max-diagnostics",
                              "0", path])
        summary = documents(out)[-1]["summary"]
        self.assertFalse(summary["exact"])
        self.assertEqual(summary["past_max_diagnostics"],
                         {"documents": 1, "errors": 0, "warnings": 150})
        self.assertEqual((summary["by_code"], summary["by_pointer"]), ([], []))
        # Uncapped, the counts are exact and say nothing more.
        status, out, _ = run(["validate", "--summary", "-q", "--max-diagnostics", "150", path])
        self.assertIn("  unknown_member  150 diagnostics in 1 of 1 documents\n", out)
        self.assertNotIn("at least", out)
        self.assertNotIn("past --max-diagnostics", out)

    def test_the_whole_document_pointer_is_named_not_empty(self):
        path = self.write("array.json", "[1, 2, 3, 4, 5, 6, 7, 8]")
        status, out, _ = run(["validate", "--summary", "-q", path])
        self.assertEqual(status, 1)
        self.assertIn('  wrong type "" (the whole document) in 1 of 1 documents\n', out)
        self.assertNotIn("``", out)

    def test_no_diagnostics(self):
        status, out, _ = run(["validate", "--summary", "tests/fixtures/valid/full.json"])
        self.assertEqual(status, 0)
        self.assertIn("summary by code:\n  (no diagnostics)\n", out)


# ------------------------------------------------------------------------------------------------
class Output(Scratch, unittest.TestCase):
    area = "output"

    def test_json_objects_have_the_stable_fields(self):
        status, out, _ = run(["validate", "--format", "json", "examples/training-jobs.ndjson"])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual(len(docs), 5)
        for d in docs:
            self.assertLessEqual({"source", "document", "locator", "schema", "valid",
                                  "diagnostics"}, set(d))
            self.assertEqual(d["source"], "examples/training-jobs.ndjson")
            self.assertIn(d["schema"], ("training_job", "error_body"))
            for diag in d["diagnostics"]:
                self.assertLessEqual({"severity", "code", "pointer", "line", "column",
                                      "message"}, set(diag))
                self.assertIn(diag["severity"], ("error", "warning"))
                self.assertIsInstance(diag["line"], int)
                self.assertIsInstance(diag["column"], int)
        self.assertEqual(docs[4]["schema"], "error_body")
        self.assertEqual([d["document"] for d in docs], [0, 1, 2, 3, 4])

    def test_text_lines_are_compiler_style(self):
        _, out, _ = run(["validate", "examples/training-jobs.ndjson"])
        for line in out.splitlines():
            if line.startswith("examples/"):
                self.assertTrue(LOCATION.match(line), line)

    def test_colour(self):
        _, plain, _ = run(["validate", "examples/training-jobs.har"])
        _, auto, _ = run(["validate", "--color", "auto", "examples/training-jobs.har"])
        _, never, _ = run(["validate", "--color", "never", "examples/training-jobs.har"])
        _, always, _ = run(["validate", "--color", "always", "examples/training-jobs.har"])
        self.assertNotIn("\x1b", plain + auto + never)  # a pipe is no terminal
        self.assertIn("\x1b[1;31merror:", always)
        self.assertEqual(ANSI.sub("", always), plain)
        _, js, _ = run(["validate", "--color", "always", "--format", "json",
                        "examples/training-jobs.har"])
        self.assertNotIn("\x1b", js)

    def test_colour_auto_on_a_terminal_unless_no_color(self):
        def on_terminal(env):
            main, secondary = open_pty(self)
            p = subprocess.Popen([EXE, "validate", "examples/training-jobs.ndjson"],
                                 stdout=secondary, stderr=subprocess.DEVNULL, cwd=SOURCE, env=env)
            os.close(secondary)
            seen = b""
            while select.select([main], [], [], 30)[0]:
                try:
                    data = os.read(main, 65536)
                except OSError:
                    break
                if not data:
                    break
                seen += data
            p.wait(timeout=60)
            os.close(main)
            return seen.decode("utf-8", "replace")

        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        env["TERM"] = "xterm"
        self.assertIn("\x1b[1;31merror:", on_terminal(env))
        self.assertNotIn("\x1b", on_terminal(dict(env, NO_COLOR="1")))
        self.assertNotIn("\x1b", on_terminal(dict(env, TERM="dumb")))

    def test_max_diagnostics_caps_the_list_but_not_the_counts(self):
        body = full()
        body["status"]["task_statuses"] = [{"task": "w", "exit_code": 2 ** 40}] * 30
        path = self.write("many.json", minified(body))
        status, out, _ = run(["validate", "--format", "json", "--max-diagnostics", "5", path])
        self.assertEqual(status, 1)
        doc = documents(out)[0]
        self.assertEqual(doc["errors"], 30)
        self.assertEqual(len(doc["diagnostics"]), 6)
        self.assertEqual(doc["diagnostics"][-1]["code"], "too_many_diagnostics")
        _, out, _ = run(["validate", "--max-diagnostics", "5", path])
        self.assertEqual(totals(out)[3], 30)

    def test_quiet_prints_nothing(self):
        status, out, err = run(["validate", "--quiet", "examples/training-jobs.har"])
        self.assertEqual((status, out, err), (1, "", ""))

    def test_control_characters_from_the_input_are_not_echoed(self):
        path = self.write("esc.json", '{"kind":"job","\\u001b[31mevil":1, "x\x1b[2J":2}')
        _, out, _ = run(["validate", path])
        self.assertNotIn("\x1b", out)
        _, out, _ = run(["validate", "--format", "json", path])
        documents(out)  # still valid JSON


# ------------------------------------------------------------------------------------------------
PLANTED = [
    ("body", "out_of_range", "/spec/schedule_policy/priority"),
    ("body", "unknown_enum_value", "/status/phase"),
    ("body", "integer_overflow", "/status/task_statuses/0/exit_code"),
]


class Planted(unittest.TestCase):
    area = "planted"

    def test_har_planted_defects_name_pointer_and_code(self):
        _, out, _ = run(["validate", "--format", "json", "examples/training-jobs.har"])
        docs = documents(out)
        defective = [d for d in docs if not d["valid"]]
        self.assertEqual(len(defective), 1)
        found = sorted((d["in"], d["code"], d["pointer"]) for d in defective[0]["diagnostics"])
        self.assertEqual(found, sorted(PLANTED + [("path", "invalid_character", "/project_id")]))
        for d in defective[0]["diagnostics"]:
            if d["in"] == "body":
                self.assertGreater(d["line"], 1)  # a pretty-printed body: its own lines

    def test_ndjson_planted_defects_name_pointer_code_and_line(self):
        _, out, _ = run(["validate", "--format", "json", "examples/training-jobs.ndjson"])
        docs = documents(out)
        line3 = next(d for d in docs if d["locator"] == "line 3")
        self.assertEqual(sorted(("body", d["code"], d["pointer"]) for d in line3["diagnostics"]),
                         sorted(PLANTED))
        self.assertTrue(all(d["line"] == 3 for d in line3["diagnostics"]))
        line4 = next(d for d in docs if d["locator"] == "line 4")
        self.assertEqual(line4["diagnostics"][0]["code"], "syntax_error")

    def test_planted_values_are_reported_as_found(self):
        _, out, _ = run(["validate", "--format", "json", "examples/training-jobs.ndjson"])
        line3 = next(d for d in documents(out) if d["locator"] == "line 3")
        found = {d["pointer"]: d["found"] for d in line3["diagnostics"]}
        self.assertEqual(found["/spec/schedule_policy/priority"], "4")
        self.assertEqual(found["/status/task_statuses/0/exit_code"], "4294967296")
        self.assertIn("Runing", found["/status/phase"])


# ------------------------------------------------------------------------------------------------
class Examples(unittest.TestCase):
    """examples/README.md shows commands and their output: each must still be the real output."""
    area = "examples"

    def test_readme_outputs_are_real(self):
        with open(os.path.join(SOURCE, "examples", "README.md"), encoding="utf-8") as f:
            text = f.read()
        blocks = re.findall(r"```console\n\$ (.*?)\n(.*?)```", text, re.S)
        self.assertGreaterEqual(len(blocks), 4)
        for command, expected in blocks:
            with self.subTest(command=command):
                m = re.fullmatch(r"build/tools/conform (.*?)(?:; echo \$\?)?", command)
                self.assertTrue(m, command)
                args = m[1].split()
                status, out, err = run(args)
                shown = out + err
                if command.endswith("; echo $?"):
                    shown += f"{status}\n"
                self.assertEqual(shown, expected)


# ------------------------------------------------------------------------------------------------
def varied_stream(path, target_bytes):
    """Writes NDJSON of varied responses (the two fixtures with changed values, some invalid)
    until the file reaches target_bytes; returns the number of documents."""
    base = [json.loads(api_text()), full()]
    phases = ["Running", "Completed", "Failed", "Pending", "Runing"]
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        written = 0
        while written < target_bytes:
            body = copy.deepcopy(base[n % 2])
            body["metadata"]["name"] = f"job-{n}"
            body["metadata"]["create_time"] = 1636447346315 + n
            body["status"]["phase"] = phases[n % len(phases)]
            body["status"]["duration"] = n * 1000
            line = minified(body) + "\n"
            f.write(line)
            written += len(line)
            n += 1
    return n


class Large(Scratch, unittest.TestCase):
    area = "large"

    def test_a_json_file_over_the_input_limit_is_a_diagnostic(self):
        path = os.path.join(self.dir, "huge.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write('\n{"metadata":{"description":"' + "x" * (65 << 20) + '"}}')
        status, out, err = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        diag = documents(out)[0]["diagnostics"][0]
        self.assertEqual((diag["code"], diag["found"]), ("limit_exceeded", "more than 67108864 bytes"))
        # No line break in what was read (but blank lines before the document): it could have
        # been NDJSON with a long first line.
        self.assertEqual(err, f"{path}: note: no line break in the first 67108864 bytes: read as "
                              "one JSON document (for NDJSON whose first line is that long, "
                              "--input ndjson reads the lines after it)\n")
        status, out, err = run(["validate", "--format", "json", "--input", "json", path])
        self.assertEqual((status, err), (1, ""))  # said to be JSON: nothing to suggest

    def test_a_first_ndjson_line_over_the_input_limit_with_input_ndjson(self):
        # What the note above suggests: the long first line is reported, the next validated.
        path = os.path.join(self.dir, "long-first.ndjson")
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"metadata":{"description":"' + "x" * (65 << 20) + '"}}\n')
            f.write(minified(full()) + "\n")
        status, out, err = run(["validate", "--format", "json", "--input", "ndjson", path])
        self.assertEqual((status, err), (1, ""))
        docs = documents(out)
        self.assertEqual([d["valid"] for d in docs], [False, True])
        self.assertEqual(docs[0]["diagnostics"][0]["code"], "limit_exceeded")
        self.assertEqual(docs[0]["diagnostics"][0]["line"], 1)

    def test_10_mb_stream_jobs_1_and_2_agree(self):
        path = os.path.join(self.dir, "10mb.ndjson")
        n = varied_stream(path, 10 * 1024 * 1024)
        start = time.monotonic()
        s1, out1, err1 = run(["validate", "--format", "json", path])
        middle = time.monotonic()
        s2, out2, err2 = run(["validate", "--format", "json", "--jobs", "2", path])
        end = time.monotonic()
        self.assertEqual((s1, s2), (1, 1))
        self.assertEqual((err1, err2), ("", ""))  # no progress line in a pipe
        self.assertEqual(out1, out2)
        docs = documents(out1)
        self.assertEqual(len(docs), n)
        self.assertEqual(sum(1 for d in docs if not d["valid"]), len(range(4, n, 5)))
        print(f"{n} documents: jobs 1 {middle - start:.2f} s, jobs 2 {end - middle:.2f} s",
              file=sys.stderr)

    def test_mixed_sizes_keep_input_order_on_any_number_of_workers(self):
        # Workers take documents in batches (up to 64 documents or 64 KiB): runs of tiny lines,
        # lines larger than a batch, and a batch that closes on bytes rather than on count must
        # all come out in input order, each report with its own line.
        path = os.path.join(self.dir, "mixed.ndjson")
        planted = set()
        with open(path, "w", encoding="utf-8") as f:
            line = 0
            for block in range(12):
                for i in range(150):
                    line += 1
                    if (line * 7) % 31 == 0:
                        planted.add(line)
                        f.write('{"metadata":{"name":"bad name %d"}}\n' % line)
                    else:
                        f.write("{}\n")
                line += 1
                size = (40 << 10) if block % 3 else (150 << 10)  # under and over a batch
                f.write('{"metadata":{"name":"big_%d","description":"%s"}}\n' % (line, "d" * size))
        outputs = {}
        for jobs in ("1", "2", "3"):
            status, out, err = run(["validate", "--format", "json", "--jobs", jobs, path])
            self.assertEqual((status, err), (1, ""))
            outputs[jobs] = out
        self.assertEqual(outputs["1"], outputs["2"])
        self.assertEqual(outputs["1"], outputs["3"])
        docs = documents(outputs["2"])
        self.assertEqual(len(docs), line)
        self.assertEqual([d["locator"] for d in docs], [f"line {n}" for n in range(1, line + 1)])
        name_lines = {d["diagnostics"][0]["line"] for d in docs
                      if any(x["pointer"] == "/metadata/name" for x in d["diagnostics"])}
        self.assertEqual(name_lines, planted)

    def test_a_line_over_the_input_limit_is_a_diagnostic_and_the_rest_goes_on(self):
        path = os.path.join(self.dir, "long.ndjson")
        with open(path, "w", encoding="utf-8") as f:
            f.write(minified(full()) + "\n")
            f.write('{"metadata":{"description":"' + "x" * (65 << 20) + '"}}\n')
            f.write(minified(full()) + "\n")
        status, out, _ = run(["validate", "--format", "json", path])
        self.assertEqual(status, 1)
        docs = documents(out)
        self.assertEqual([d["valid"] for d in docs], [True, False, True])
        self.assertEqual(docs[1]["diagnostics"][0]["code"], "limit_exceeded")
        self.assertEqual(docs[1]["diagnostics"][0]["line"], 2)
        self.assertIn(str((65 << 20) + 31), docs[1]["diagnostics"][0]["message"])


    def test_a_har_entry_over_the_entry_limit_that_is_no_document_is_skipped(self):
        # Entry 1 is a 160 MB download (over the 144 MiB per-entry limit), not a training-jobs
        # GET: it is skipped like any other, without being held, and entry 2 is still validated.
        path = os.path.join(self.dir, "model.har")
        job = json.dumps(har_entry(JOB_URL, 200, minified(full())))
        download = json.dumps(har_entry("https://cdn/model.bin", 200, "@", encoding="base64"))
        head, tail = download.split('"@"')
        with open(path, "w", encoding="ascii") as f:
            f.write('{"log": {"version": "1.2", "entries": [' + job + ",\n" + head + '"')
            chunk = "QUJD" * (1 << 20)
            for _ in range(160 * 1024 * 1024 // len(chunk)):
                f.write(chunk)
            f.write('"' + tail + ",\n" + job + "]}}\n")
        status, out, err = run(["validate", path])
        self.assertEqual((status, err), (0, ""), out)
        self.assertIn(f"{path}: note: 1 of 3 entries skipped (1 not a GET of ", out)
        self.assertEqual(totals(out), (2, 2, 0, 0, 0))
        status, rss = peak_rss_kib(self, ["validate", "--quiet", path])
        self.assertEqual(status, 0)
        self.assertLess(rss, 32 * 1024)


# ------------------------------------------------------------------------------------------------
# Linux counts the memory of the process that exec'd a program into the program's peak RSS
# (ru_maxrss), and this test process is large after generating inputs. So a small, fresh Python
# starts conform and reports the peak of that child alone.
RSS_HELPER = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                                   (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def open_pty(test):
    """A pseudo-terminal pair, or the test is skipped where the machine has none."""
    try:
        return pty.openpty()
    except OSError as e:
        test.skipTest(f"no pseudo-terminal: {e}")


# Set by tools/meson.build when the build is instrumented (-Db_sanitize=...): a sanitizer's
# shadow memory (and AddressSanitizer's quarantine of freed blocks, 256 MiB by default) make a
# peak RSS say nothing about the program's own memory, so the tests that measure one are skipped
# there (the uninstrumented main build runs them).
SANITIZED = os.environ.get("CONFORM_TEST_SANITIZED", "0") != "0"


def peak_rss_kib(test, args):
    """Runs conform (output discarded); returns (status, its peak resident set in KiB). Skips
    `test` in a sanitized build."""
    if SANITIZED:
        test.skipTest("peak RSS is not measurable in a sanitized build")
    p = subprocess.run([sys.executable, "-c", RSS_HELPER, EXE, *args], capture_output=True,
                       text=True, cwd=SOURCE, timeout=600, check=True)
    status, rss = p.stdout.split()
    return int(status), int(rss)


class Memory(Scratch, unittest.TestCase):
    """Memory follows the largest document, not the file: a 48 MB stream must not be slurped."""
    area = "memory"
    limit_kib = 32 * 1024

    def test_ndjson_is_streamed(self):
        path = os.path.join(self.dir, "48mb.ndjson")
        varied_stream(path, 48 * 1024 * 1024)
        # The control: read as one JSON document, the same file is held whole. This proves the
        # measurement sees the program's own memory.
        _, rss = peak_rss_kib(self, ["validate", "--quiet", "--input", "json", path])
        self.assertGreater(rss, 48 * 1024)
        for jobs in ("1", "2"):
            with self.subTest(jobs=jobs):
                status, rss = peak_rss_kib(self, ["validate", "--quiet", "--jobs", jobs, path])
                self.assertEqual(status, 1)
                print(f"jobs {jobs}: peak RSS {rss} KiB", file=sys.stderr)
                self.assertLess(rss, self.limit_kib)

    def test_har_is_streamed(self):
        path = os.path.join(self.dir, "big.har")
        entry = json.dumps(har_entry(JOB_URL, 200, minified(full())), indent=2)
        with open(path, "w", encoding="utf-8") as f:
            f.write('{"log": {"version": "1.2", "entries": [\n')
            f.write(",\n".join([entry] * 5000))
            f.write("\n]}}\n")
        self.assertGreater(os.path.getsize(path), 40 * 1024 * 1024)
        status, rss = peak_rss_kib(self, ["validate", "--quiet", path])
        self.assertEqual(status, 0)
        print(f"HAR: peak RSS {rss} KiB", file=sys.stderr)
        self.assertLess(rss, self.limit_kib)


    def run_limited(self, limit_bytes, args):
        """Runs conform with its address space capped (RLIMIT_AS), as `ulimit -v` does, so
        that memory runs out for real. Skipped in a sanitized build, whose shadow memory
        needs terabytes of address space."""
        if SANITIZED:
            self.skipTest("a sanitized build cannot run with its address space capped")
        import resource

        def cap():
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

        return subprocess.run([EXE, *args], capture_output=True, text=True, cwd=SOURCE,
                              timeout=600, preexec_fn=cap)

    def test_memory_running_out_is_reported(self):
        # Three small responses, one of 24 MB that cannot be held in 40 MB of address space,
        # then a small one. The large line costs only itself: it is reported as a document
        # that could not be held (out_of_memory, invalid, exit 1), and the line after it is
        # validated. Should it fit after all, checking it runs out instead: the same report.
        # Never an abort, and never the rest of the input lost.
        path = os.path.join(self.dir, "large-line.ndjson")
        small = minified(full())
        big = full()
        big["metadata"]["description"] = "x" * (24 * 1024 * 1024)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join([small, small, small, minified(big), small]) + "\n")
        for jobs in ("1", "2"):
            with self.subTest(jobs=jobs):
                p = self.run_limited(40 * 1024 * 1024,
                                     ["validate", "--format", "json", "--jobs", jobs, path])
                self.assertEqual(p.returncode, 1, p.stderr)
                reports = [json.loads(line) for line in p.stdout.splitlines()]
                self.assertEqual(len(reports), 5, p.stderr)
                self.assertEqual([r["valid"] for r in reports], [True, True, True, False, True])
                self.assertEqual([d["code"] for d in reports[3]["diagnostics"]],
                                 ["out_of_memory"])
                self.assertEqual(reports[3]["diagnostics"][0]["line"], 4)
                self.assertEqual(reports[4]["source"], path)

    def test_threads_refused_are_reported(self):
        # 20 MB of address space holds the program on one thread, not two workers' stacks.
        # The usual outcome is a message naming --jobs; any message and status 2 will do, an
        # abort will not.
        p = self.run_limited(20 * 1024 * 1024,
                             ["validate", "--quiet", "--jobs", "2",
                              os.path.join(SOURCE, "tests", "fixtures", "valid", "full.json")])
        self.assertGreaterEqual(p.returncode, 0, p.stderr)
        self.assertIn(p.returncode, (0, 2), p.stderr)
        if p.returncode == 2:
            self.assertRegex(p.stderr, r"^conform: (cannot start the worker threads|.*out of memory)")

    def test_sarif_log_is_closed_when_the_run_is_abandoned(self):
        # The log is opened before the worker threads start; when they cannot (20 MB of
        # address space), the run ends with status 2 and the log is still one JSON document:
        # an unsuccessful invocation that says why.
        p = self.run_limited(20 * 1024 * 1024,
                             ["validate", "--format", "sarif", "--jobs", "2",
                              os.path.join(SOURCE, "tests", "fixtures", "valid", "full.json")])
        self.assertIn(p.returncode, (0, 2), p.stderr)
        log = json.loads(p.stdout)
        invocation = log["runs"][0]["invocations"][0]
        if p.returncode == 2:
            self.assertFalse(invocation["executionSuccessful"])
            text = invocation["toolExecutionNotifications"][0]["message"]["text"]
            self.assertRegex(text, r"^conform (could not start its worker threads|ran out of memory)")
        else:
            self.assertTrue(invocation["executionSuccessful"])


# ------------------------------------------------------------------------------------------------
class Progress(Scratch, unittest.TestCase):
    """The progress line appears only on a terminal, and only for a large input."""
    area = "progress"

    def run_with_terminal_stderr(self, args, feed=None):
        """Runs conform with stderr on a pseudo-terminal; `feed` (a list of byte strings, with
        None for a pause) goes to its stdin. Returns (status, what the terminal received)."""
        main, secondary = open_pty(self)
        p = subprocess.Popen([EXE, *args], stdout=subprocess.DEVNULL, stderr=secondary,
                             stdin=subprocess.PIPE if feed is not None else subprocess.DEVNULL,
                             cwd=SOURCE)
        os.close(secondary)
        for part in feed or []:
            if part is None:
                time.sleep(0.6)
            else:
                p.stdin.write(part)
                p.stdin.flush()
        if feed is not None:
            p.stdin.close()
        seen = b""
        while True:
            ready, _, _ = select.select([main], [], [], 60)
            if not ready:
                break
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closed with the program
                break
            if not data:
                break
            seen += data
        p.wait(timeout=60)
        os.close(main)
        return p.returncode, seen.decode("utf-8", "replace")

    def test_terminal_and_large_input(self):
        # The line needs a large input and some time (a quick run shows none): 8 MB, a pause
        # longer than the line's delay, then more, through a pipe.
        line = (minified(full()) + "\n").encode()
        chunk = line * (8 * 1024 * 1024 // len(line) + 1)
        status, seen = self.run_with_terminal_stderr(["validate", "--quiet", "-"],
                                                     feed=[chunk, None, chunk])
        self.assertEqual(status, 0)
        self.assertRegex(seen, r"conform: [\d,]+ documents, [\d.]+ MB, [\d.]+ MB/s")
        self.assertTrue(seen.endswith("\r\x1b[K"), repr(seen[-40:]))  # cleared at the end
        path = self.write("big.ndjson", chunk + chunk)
        status, _, err = run(["validate", "--quiet", path])  # stderr is a pipe here
        self.assertEqual((status, err), (0, ""))

    def test_small_input_on_a_terminal_shows_none(self):
        status, seen = self.run_with_terminal_stderr(["validate", "examples/training-jobs.ndjson"])
        self.assertEqual(status, 1)
        self.assertEqual(seen, "")


# ------------------------------------------------------------------------------------------------
class Robustness(Scratch, unittest.TestCase):
    """Mutated inputs (fixed seed, so reproducible) in every format, read as every format: the
    program never crashes or hangs, exits 0, 1 or 2, says a 2 in one line, and its JSON output
    stays JSON."""
    area = "robustness"
    rounds = int(os.environ.get("CONFORM_CLI_ROUNDS", "120"))

    def mutate(self, rng, data):
        data = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            kind = rng.randrange(5)
            at = rng.randrange(len(data) + 1)
            if kind == 0:
                del data[at:]
            elif kind == 1 and data:
                data[min(at, len(data) - 1)] = rng.randrange(256)
            elif kind == 2:
                data[at:at] = rng.choice([b"{", b"}", b"[", b'"', b"\\", b"\n", b"\r\n", b"\0",
                                          b"\xff", b"\xc3", b"%", b"HTTP/1.1 200 OK\r\n\r\n",
                                          b'"encoding":"base64",', b"1e999", b"-", b"0\r\n\r\n"])
            elif kind == 3:
                end = min(len(data), at + rng.randrange(1, 200))
                data[at:at] = data[at:end]
            else:
                end = min(len(data), at + rng.randrange(1, 200))
                del data[at:end]
        return bytes(data)

    def test_mutants(self):
        import random
        rng = random.Random(20240610)
        inputs = []
        for name in ("training-jobs.har", "training-jobs.ndjson", "training-job.http"):
            with open(os.path.join(SOURCE, "examples", name), "rb") as f:
                inputs.append(f.read())
        formats = ["auto", "json", "ndjson", "har", "http"]
        for i in range(self.rounds):
            data = self.mutate(rng, inputs[i % len(inputs)])
            fmt = formats[i % len(formats)]
            path = self.write(f"mutant{i}", data)
            args = ["validate", "--input", fmt, "--format", "json", "--jobs", str(1 + i % 2), path]
            status, out, err = run(args, timeout=60)
            with self.subTest(i=i, input=fmt):
                self.assertIn(status, (0, 1, 2), err)
                if status == 2:
                    self.assertEqual(len(err.splitlines()), 1, err)
                    self.assertTrue(err.startswith("conform: "), err)
                for line in out.splitlines():
                    json.loads(line)
            os.unlink(path)


# ------------------------------------------------------------------------------------------------
class Generate(Scratch, unittest.TestCase):
    """`conform generate`: valid documents by construction, reproducible from seed and index."""
    area = "generate"

    @staticmethod
    def ndjson_lines(text):
        return text.split("\n")[:-1]  # each line ends with a line feed

    def test_ndjson_documents_all_validate(self):
        for schema in ("training_job", "error_body"):
            status, out, err = run(["generate", "--schema", schema, "-n", "40", "--seed", "5"])
            self.assertEqual((status, err), (0, ""))
            lines = self.ndjson_lines(out)
            self.assertEqual(len(lines), 40)
            self.assertTrue(all(isinstance(json.loads(line), dict) for line in lines))
            self.assertGreater(len(set(lines)), 30)
            status, report, err = run(["validate", "--input", "ndjson", "--schema", schema, "-"],
                                      stdin=out.encode())
            self.assertEqual((status, err), (0, ""), report)
            self.assertEqual(totals(report), (40, 40, 0, 0, 0))
        # The error codes have the format the schema checks (as a warning): drawn, not random.
        _, out, _ = run(["generate", "--schema", "error_body", "-n", "20"])
        for line in self.ndjson_lines(out):
            self.assertRegex(json.loads(line)["error_code"], r"^(ModelArts\.|APIGW\.)[0-9]{4}$")

    def test_seed_and_index_alone_make_a_document(self):
        _, five, _ = run(["generate", "-n", "5", "--seed", "9"])
        _, three, _ = run(["generate", "-n", "3", "--seed", "9"])
        _, again, _ = run(["generate", "-n", "5", "--seed", "9"])
        _, other, _ = run(["generate", "-n", "5", "--seed", "10"])
        self.assertEqual(five, again)
        self.assertEqual(self.ndjson_lines(five)[:3], self.ndjson_lines(three))
        self.assertNotEqual(five, other)
        status, out, _ = run(["generate", "-n", "2", "--bytes", "0"])
        self.assertEqual((status, out), (0, "{}\n{}\n"))  # no choices: the plainest document

    def test_bounds_and_unknown_enum_values(self):
        status, out, _ = run(["generate", "-n", "60", "--bytes", "20000", "--max-elements", "0",
                              "--max-string-length", "0"])
        self.assertEqual(status, 0)
        for line in self.ndjson_lines(out):
            doc = json.loads(line)
            stack = [doc]
            while stack:
                v = stack.pop()
                if isinstance(v, list):
                    # Only arrays whose schema asks for elements have them (none at the top).
                    self.assertLessEqual(len(v), 2, line)
                    stack.extend(v)
                elif isinstance(v, dict):
                    stack.extend(v.values())
        status, out, _ = run(["generate", "-n", "80", "--bytes", "20000",
                              "--unknown-enum-values"])
        self.assertEqual(status, 0)
        status, report, _ = run(["validate", "--input", "ndjson", "--format", "json", "-"],
                                stdin=out.encode())
        self.assertEqual(status, 0, report)
        codes = {d["code"] for doc in documents(report) for d in doc["diagnostics"]}
        self.assertEqual(codes, {"unknown_enum_value"})
        status, _, _ = run(["validate", "--input", "ndjson", "--strict", "-"], stdin=out.encode())
        self.assertEqual(status, 1)

    def test_all_members(self):
        status, out, _ = run(["generate", "-n", "5", "--all-members", "--bytes", "30000"])
        self.assertEqual(status, 0)
        for line in self.ndjson_lines(out):
            doc = json.loads(line)
            self.assertTrue({"kind", "metadata", "spec", "status", "algorithm"} <= doc.keys())
        status, report, _ = run(["validate", "--input", "ndjson", "-"], stdin=out.encode())
        self.assertEqual(status, 0, report)
        self.assertEqual(totals(report), (5, 5, 0, 0, 0))

    def test_out_dir_writes_one_indented_file_per_document(self):
        status, out, err = run(["generate", "-n", "4", "--seed", "7", "--out-dir", self.dir,
                                "--indent", "2", "--bytes", "8000"])
        self.assertEqual((status, out, err), (0, "", ""))
        names = sorted(os.listdir(self.dir))
        self.assertEqual(names, [f"training_job-7-{i}.json" for i in range(4)])
        _, lines, _ = run(["generate", "-n", "4", "--seed", "7", "--bytes", "8000"])
        for name, line in zip(names, self.ndjson_lines(lines)):
            with open(os.path.join(self.dir, name), encoding="utf-8") as f:
                text = f.read()
            self.assertEqual(json.loads(text), json.loads(line))
            if text != "{}":
                self.assertIn("\n  ", text)
        status, report, _ = run(["validate", *[os.path.join(self.dir, n) for n in names]])
        self.assertEqual(status, 0, report)
        self.assertEqual(totals(report), (4, 4, 0, 0, 0))

    def test_usage_errors(self):
        for args, says in ((["--indent", "2"], "--indent needs --out-dir"),
                           (["--out-dir", os.path.join(self.dir, "missing")], "--out-dir"),
                           (["--schema", "nope"], "--schema"),
                           (["--max-depth", "65"], "--max-depth")):
            status, out, err = run(["generate", *args])
            self.assertEqual((status, out), (2, ""), err)
            self.assertEqual(len(err.splitlines()), 1, err)
            self.assertIn(says, err)
            self.assertIn("conform generate --help", err)


# ------------------------------------------------------------------------------------------------
GITHUB = re.compile(r"^::(?P<kind>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def sarif(stdout):
    """The one run of a --format sarif log (the whole of stdout must be one JSON document)."""
    log = json.loads(stdout)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1, stdout[:200]
    return log["runs"][0]


def github_properties(props):
    """`file=a,line=3` -> {"file": "a", "line": "3"}, the values unescaped (%2C, %3A, %25)."""
    out = {}
    for part in props.split(","):
        key, value = part.split("=", 1)
        out[key] = (value.replace("%2C", ",").replace("%3A", ":").replace("%0D", "\r")
                    .replace("%0A", "\n").replace("%25", "%"))
    return out


class CiFormats(Scratch, unittest.TestCase):
    """--format sarif (one SARIF 2.1.0 log) and --format github (workflow commands): the same
    findings as --format json, located in the file, for code scanning and pull requests."""
    area = "ci_formats"

    INPUTS = ["tests/fixtures/invalid/priority_out_of_range.json",
              "tests/fixtures/invalid/cross_member_rules.json",
              "tests/fixtures/valid/api_example.json",
              "examples/training-jobs.ndjson", "examples/training-jobs.har",
              "examples/training-job.http"]

    @staticmethod
    def file_line(name, number):
        with open(os.path.join(SOURCE, name), encoding="utf-8") as f:
            return f.read().split("\n")[number - 1]

    def json_findings(self, args):
        status, out, _ = run(["validate", "--format", "json", *args])
        found = []
        for doc in documents(out):
            for d in doc["diagnostics"]:
                found.append((doc["source"], doc["locator"], d["in"], d["severity"], d["code"],
                              d["pointer"], d["expected"], d["found"], d["line"], d["column"]))
        return status, found

    def test_sarif_results_are_the_json_findings(self):
        for name in self.INPUTS:
            status, expected = self.json_findings([name])
            sarif_status, out, err = run(["validate", "--format", "sarif", name])
            self.assertEqual(sarif_status, status, name)
            r = sarif(out)
            rules = r["tool"]["driver"]["rules"]
            self.assertEqual(len({rule["id"] for rule in rules}), len(rules))
            self.assertEqual(r["columnKind"], "unicodeCodePoints")
            got = []
            for res in r["results"]:
                self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
                p = res["properties"]
                location = res["locations"][0]
                self.assertEqual(location["physicalLocation"]["artifactLocation"]["uri"], name)
                self.assertEqual(location["logicalLocations"][0]["fullyQualifiedName"],
                                 p["pointer"])
                self.assertIn(p["pointer"], res["message"]["text"])
                region = location["physicalLocation"].get("region")
                if name.endswith(".har") or p["in"] == "path":
                    # A HAR entry's body is a JSON string's value: its line:column are not the
                    # file's. The region is the line where the entry opens, and the message
                    # names the entry.
                    self.assertEqual(set(region), {"startLine"}, res)
                    self.assertEqual(self.file_line(name, region["startLine"]).strip(), "{")
                    self.assertIn(p["locator"], res["message"]["text"])
                    line = p["line"]
                else:
                    line = region["startLine"]
                    self.assertEqual(region["startColumn"], p["column"])
                got.append((name, p["locator"], p["in"], res["level"], res["ruleId"], p["pointer"],
                            p["expected"], p["found"], line, p["column"]))
            self.assertEqual(got, expected, name)
            self.assertGreater(len(got), 0, name)
            t = r["properties"]
            self.assertEqual(t["errors"] + t["warnings"], len(got), name)
            self.assertEqual(r["invocations"], [{"executionSuccessful": True,
                                                 "toolExecutionNotifications": []}])

    def test_sarif_and_github_point_a_chunked_body_at_its_status_line(self):
        body = '{\r\n  "kind": "jobb"\r\n}'
        path = self.write("chunked.http", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n"
                          f"{len(body):x}\r\n{body}\r\n0\r\n\r\n")
        _, out, _ = run(["validate", "--format", "sarif", path])
        result = sarif(out)["results"][0]
        self.assertEqual(result["locations"][0]["physicalLocation"]["region"], {"startLine": 3})
        self.assertIn("(line 3 HTTP/1.1 200 OK, body line 2 column 11)",
                      result["message"]["text"])
        _, out, _ = run(["validate", "--format", "github", path])
        props = github_properties(GITHUB.match(out.split("\n")[0])["props"])
        self.assertEqual((props["line"], props.get("col")), ("3", None))

    def test_sarif_ndjson_lines_are_the_file_lines(self):
        _, expected = self.json_findings(["examples/training-jobs.ndjson"])
        _, out, _ = run(["validate", "--format", "sarif", "examples/training-jobs.ndjson"])
        regions = [res["locations"][0]["physicalLocation"]["region"]
                   for res in sarif(out)["results"]]
        self.assertEqual([(g["startLine"], g["startColumn"]) for g in regions],
                         [(e[8], e[9]) for e in expected])
        self.assertGreater(max(g["startLine"] for g in regions), 1)

    def test_sarif_valid_quiet_and_summary(self):
        status, out, err = run(["validate", "--format", "sarif", "examples/training-jobs.ndjson",
                                "tests/fixtures/valid/full.json"])
        self.assertEqual(status, 1)
        r = sarif(out)
        self.assertEqual(r["properties"]["documents"], 6)
        status, out, err = run(["validate", "--format", "sarif", "tests/fixtures/valid/full.json"])
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(sarif(out)["results"], [])
        status, out, _ = run(["validate", "--format", "sarif", "-q",
                              "examples/training-jobs.ndjson"])
        self.assertEqual((status, out), (1, ""))
        status, out, _ = run(["validate", "--format", "sarif", "-q", "--summary",
                              "examples/training-jobs.ndjson"])
        r = sarif(out)
        self.assertEqual(r["results"], [])
        _, json_out, _ = run(["validate", "--format", "json", "-q", "--summary",
                              "examples/training-jobs.ndjson"])
        self.assertEqual(r["properties"]["summary"], documents(json_out)[-1]["summary"])
        status, out, _ = run(["validate", "--format", "sarif", "--summary",
                              "examples/training-jobs.ndjson"])
        self.assertEqual(len(sarif(out)["results"]), 5)

    def test_sarif_stdout_stays_one_log_with_notes_and_unreadable_inputs(self):
        missing = os.path.join(self.dir, "missing.json")
        status, out, err = run(["validate", "--format", "sarif", "examples/training-jobs.har",
                                missing, "tests/fixtures/invalid/priority_out_of_range.json"])
        self.assertEqual(status, 2)
        r = sarif(out)
        self.assertIn("entries skipped", err)  # the HAR's note goes to stderr, as with json
        invocation = r["invocations"][0]
        self.assertFalse(invocation["executionSuccessful"])
        self.assertEqual(len(invocation["toolExecutionNotifications"]), 1)
        self.assertIn("missing.json", invocation["toolExecutionNotifications"][0]["message"]["text"])
        sources = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                   for res in r["results"]}
        self.assertEqual(sources, {"examples/training-jobs.har",
                                   "tests/fixtures/invalid/priority_out_of_range.json"})
        # Standard input has no URI: the artifact says what it is.
        with open(os.path.join(SOURCE, "examples", "training-jobs.ndjson"), "rb") as f:
            status, out, _ = run(["validate", "--format", "sarif"], stdin=f.read())
        location = sarif(out)["results"][0]["locations"][0]["physicalLocation"]
        self.assertEqual(location["artifactLocation"], {"description": {"text": "standard input"}})

    def test_sarif_the_same_on_many_threads(self):
        lines = [minified(full()), api_text().replace("\n", " "), "{\"kind\": 7}", "[1,"] * 50
        path = self.write("stream.ndjson", "\n".join(lines) + "\n")
        outs = [run(["validate", "--format", "sarif", "-j", jobs, path])[1] for jobs in ("1", "3")]
        self.assertEqual(outs[0], outs[1])
        _, expected = self.json_findings([path])
        self.assertEqual(len(sarif(outs[0])["results"]), len(expected))
        self.assertGreaterEqual(len(expected), 50 * 3)

    def test_artifact_uris_are_percent_encoded(self):
        os.makedirs(os.path.join(self.dir, "a b"))
        path = os.path.abspath(self.write(os.path.join("a b", "x%y#z:\u00e9,1.json"), api_text()))
        relative = os.path.relpath(path, SOURCE)
        encoded = (relative.replace("%", "%25").replace(" ", "%20").replace("#", "%23")
                   .replace(":", "%3A").replace("\u00e9", "%C3%A9"))
        for given, uri in ((relative, encoded), (path, "file://" + path.replace("%", "%25")
                           .replace(" ", "%20").replace("#", "%23").replace(":", "%3A")
                           .replace("\u00e9", "%C3%A9"))):
            status, out, _ = run(["validate", "--format", "sarif", given])
            self.assertEqual(status, 0)
            location = sarif(out)["results"][0]["locations"][0]["physicalLocation"]
            self.assertEqual(location["artifactLocation"]["uri"], uri)

    def test_github_annotations(self):
        for name in self.INPUTS:
            status, expected = self.json_findings([name])
            gh_status, out, err = run(["validate", "--format", "github", name])
            self.assertEqual((gh_status, err), (status, ""), name)
            lines = out.split("\n")[:-1]
            self.assertTrue(SUMMARY.match(lines[-1]), lines[-1])  # the log's last line
            commands = [GITHUB.match(line) for line in lines[:-1]]
            got = []
            for m in commands:
                self.assertIsNotNone(m, lines)
                if m["kind"] == "notice":
                    continue
                props = github_properties(m["props"])
                self.assertEqual(props["file"], name)
                line = props.get("line")
                if name.endswith(".har"):
                    # The line where the entry opens (the body's own is in the message).
                    self.assertEqual(self.file_line(name, int(line)).strip(), "{")
                    line = "entry"
                got.append((m["kind"], props["title"], line, props.get("col")))
            want = []
            for (_, locator, where, severity, code, pointer, _, _, line, column) in expected:
                placed = not name.endswith(".har") and where == "body"
                want.append((severity, "conform: " + code,
                             str(line) if placed else "entry" if name.endswith(".har") else None,
                             str(column) if placed else None))
            self.assertEqual(got, want, name)
        # The skipped HAR entries are a notice, in order with the findings.
        _, out, _ = run(["validate", "--format", "github", "examples/training-jobs.har"])
        self.assertTrue(any(line.startswith("::notice file=examples/training-jobs.har,")
                            and "entries skipped" in line for line in out.split("\n")))

    def test_github_escapes_what_would_end_a_command(self):
        path = self.write("a,b:c%d\ne.json", '{"kind": "job", "spec": {"schedule_policy": '
                          '{"priority": 9}}}')
        status, out, _ = run(["validate", "--format", "github", path])
        self.assertEqual(status, 1)
        lines = out.split("\n")[:-1]
        self.assertEqual(len(lines), 2, out)  # one command, the totals: no line was split
        m = GITHUB.match(lines[0])
        props = github_properties(m["props"])
        # The line feed is masked like any control character in a file name; ',' ':' '%' are
        # escaped and come back.
        self.assertEqual(props["file"], path.replace("\n", "?"))
        self.assertEqual((m["kind"], props["line"]), ("error", "1"))
        missing = os.path.join(self.dir, "missing.json")
        status, out, err = run(["validate", "--format", "github", missing])
        self.assertEqual(status, 2)
        self.assertTrue(out.startswith("::error file=" + missing.replace(":", "%3A").replace(",", "%2C")
                                       + ",title=conform::"), out)
        self.assertIn("missing.json", err)


# ------------------------------------------------------------------------------------------------
class JsonSchema(Scratch, unittest.TestCase):
    """`conform schema`: the JSON Schema of the bodies (conform::json_schema), checked against
    the decoder by a JSON Schema validator (Python's jsonschema, Debian's python3-jsonschema):
    what `conform validate` finds valid the schema accepts, and what it finds invalid the schema
    rejects, on generated documents and on thousands of mutations of valid ones, but for the
    differences json_schema.hpp lists (an integer written 1.0; ordered members)."""
    area = "schema"

    @staticmethod
    def validator(schema, strict=False):
        import jsonschema  # Debian: python3-jsonschema (tools/install-deps.sh)
        status, out, err = run(["schema", "--schema", schema, "--indent", "0"]
                               + (["--strict"] if strict else []))
        assert (status, err) == (0, ""), err
        document = json.loads(out)
        jsonschema.Draft202012Validator.check_schema(document)
        return jsonschema.Draft202012Validator(document)

    def verdicts(self, schema, docs, strict=False):
        """conform's verdict on each document (validate --format json), in order."""
        text = "".join(json.dumps(d) + "\n" for d in docs)
        status, out, err = run(["validate", "--input", "ndjson", "--schema", schema, "--format",
                                "json", *(["--strict"] if strict else []), "-"],
                               stdin=text.encode())
        self.assertEqual(err, "")
        reports = documents(out)
        self.assertEqual(len(reports), len(docs))
        return reports

    def test_committed_schemas_are_the_programs(self):
        for schema in ("training_job", "error_body"):
            status, out, err = run(["schema", "--schema", schema])
            self.assertEqual((status, err), (0, ""))
            with open(os.path.join(SOURCE, "schemas", schema + ".schema.json"),
                      encoding="utf-8") as f:
                self.assertEqual(out, f.read(), f"regenerate: build/tools/conform schema --schema "
                                                f"{schema} > schemas/{schema}.schema.json")
            _, compact, _ = run(["schema", "--schema", schema, "--indent", "0"])
            self.assertEqual(compact.count("\n"), 1)
            self.assertEqual(json.loads(compact), json.loads(out))

    def test_generated_documents_are_valid_against_the_schema(self):
        for schema in ("training_job", "error_body"):
            v = self.validator(schema)
            for args in (["-n", "150", "--bytes", "20000"],
                         ["-n", "40", "--all-members", "--bytes", "40000"],
                         ["-n", "60", "--bytes", "3000", "--max-string-length", "200"]):
                status, out, _ = run(["generate", "--schema", schema, "--seed", "11", *args])
                self.assertEqual(status, 0)
                for line in out.split("\n")[:-1]:
                    errors = [e.message for e in v.iter_errors(json.loads(line))]
                    self.assertEqual(errors, [], line[:300])

    REPLACEMENTS = [None, True, False, 0, -1, 1, 3, 4, 65536, 2**31, -2**31 - 1, 2**63, -2**63,
                    2**64, 1.5, -0.5, 0.0001, 1e300, "", "x", "a b", "abc\n", "Runing", "job",
                    "JOB", "Running", "hyperinstance", "a" * 300, "/home/ma-user/x", "/home/",
                    "/etc", "\u00e9", "ModelArts.1234", "ModelArts.12a4", {}, [], [1, 2],
                    [[1, 2]], [[1, 2, 3]], {"a": "b"}, {"a": 1}, {"zz": 1}]

    @classmethod
    def mutate(cls, doc, rnd):
        """One change: a value replaced, a member removed, or an unknown member added."""
        d = copy.deepcopy(doc)
        places = []
        stack = [(d, k) for k in (d.keys() if isinstance(d, dict) else [])]
        while stack:
            parent, key = stack.pop()
            places.append((parent, key))
            v = parent[key]
            if isinstance(v, dict):
                stack.extend((v, k) for k in v)
            elif isinstance(v, list):
                stack.extend((v, i) for i in range(len(v)))
        parent, key = rnd.choice(places)
        r = rnd.random()
        if r < 0.15 and isinstance(parent, dict):
            del parent[key]
        elif r < 0.25 and isinstance(parent, dict):
            parent["unknown_" + str(rnd.randint(0, 9))] = 1
        else:
            parent[key] = copy.deepcopy(rnd.choice(cls.REPLACEMENTS))
        return d

    def test_the_schema_and_the_decoder_agree_on_mutated_documents(self):
        import random
        rnd = random.Random(20261207)
        _, generated, _ = run(["generate", "-n", "30", "--all-members", "--bytes", "30000",
                               "--seed", "3"])
        bases = [full(), json.loads(api_text())] + [json.loads(line) for line in
                                                   generated.split("\n")[:-1]]
        for strict in (False, True):
            v = self.validator("training_job", strict)
            docs = [self.mutate(rnd.choice(bases), rnd) for _ in range(1500)]
            reports = self.verdicts("training_job", docs, strict)
            invalid = 0
            for doc, report in zip(docs, reports):
                errors = [e.message for e in v.iter_errors(doc)]
                invalid += not report["valid"]
                self.assertEqual(not errors, report["valid"],
                                 (json.dumps(doc)[:400], errors[:2], report["diagnostics"][:3]))
            # The mutations reach both verdicts, and unknown members only under --strict.
            self.assertGreater(invalid, 300)
            self.assertLess(invalid, 1400)

    @classmethod
    def enforced(cls, schema):
        """The schema with each x-conform-warn subschema made an assertion (added to allOf):
        what `conform validate --werror` finds valid."""
        if isinstance(schema, dict):
            out = {k: cls.enforced(v) for k, v in schema.items() if k != "x-conform-warn"}
            if "x-conform-warn" in schema:
                out["allOf"] = out.get("allOf", []) + [cls.enforced(schema["x-conform-warn"])]
            return out
        if isinstance(schema, list):
            return [cls.enforced(v) for v in schema]
        return schema

    def test_its_warnings_as_assertions_are_what_werror_accepts(self):
        import jsonschema
        import random
        rnd = random.Random(5)
        v = jsonschema.Draft202012Validator(self.enforced(self.validator("training_job").schema))
        _, generated, _ = run(["generate", "-n", "30", "--all-members", "--bytes", "30000",
                               "--seed", "3", "--unknown-enum-values"])
        bases = [full(), json.loads(api_text())] + [json.loads(line) for line in
                                                   generated.split("\n")[:-1]]
        docs = [self.mutate(rnd.choice(bases), rnd) for _ in range(1500)]
        text = "".join(json.dumps(d) + "\n" for d in docs)
        _, out, _ = run(["validate", "--input", "ndjson", "--schema", "training_job", "--werror",
                         "--format", "json", "-"], stdin=text.encode())
        compared = warned = 0
        for doc, report in zip(docs, documents(out)):
            codes = {d["code"] for d in report["diagnostics"]}
            if any(d["code"] == "cross_member_rule" and " not before " in d["expected"]
                   for d in report["diagnostics"]):
                continue  # ordered: no schema can compare two members
            compared += 1
            warned += report["valid"] is False and report["errors"] == 0
            self.assertEqual(v.is_valid(doc), report["valid"],
                             (json.dumps(doc)[:400], sorted(codes)))
        self.assertGreater(compared, 1000)
        self.assertGreater(warned, 100)  # documents made invalid by a warning alone

    def test_error_bodies_and_their_warnings(self):
        v = self.validator("error_body")
        body = {"error_code": "ModelArts.0104", "error_msg": "x"}
        self.assertEqual(list(v.iter_errors(body)), [])
        for doc in ({"error_msg": "x"}, {"error_code": 7, "error_msg": "x"},
                    {"error_code": "x", "error_msg": "x", "request_id": 5}):
            self.assertNotEqual(list(v.iter_errors(doc)), [], doc)
            self.assertFalse(self.verdicts("error_body", [doc])[0]["valid"])
        # An error code of another format only warns: valid to both, and the schema's
        # x-conform-warn subschema, read as a schema of its own, is what the warning checks.
        import jsonschema
        odd = {"error_code": "ModelArts.12345", "error_msg": "x"}
        self.assertEqual(list(v.iter_errors(odd)), [])
        report = self.verdicts("error_body", [odd])[0]
        self.assertTrue(report["valid"])
        self.assertEqual([d["code"] for d in report["diagnostics"]], ["invalid_value"])
        warn = v.schema["$defs"]["conform.modelarts.error_body"]["properties"]["error_code"][
            "x-conform-warn"]
        for code, fine in (("ModelArts.12345", False), ("ModelArts.1234\n", False),
                           ("APIGW.0001", True), ("ModelArts.0104", True)):
            self.assertEqual(jsonschema.Draft202012Validator(warn).is_valid(code), fine, code)
            warned = self.verdicts("error_body", [{"error_code": code, "error_msg": "x"}])[0]
            self.assertEqual(not warned["diagnostics"], fine, code)

    def test_the_documented_differences(self):
        """What JSON Schema cannot say (json_schema.hpp): each is invalid to conform and valid to
        the schema, and nothing else is (the mutation test above)."""
        v = self.validator("training_job")
        # Both valid to the schema: 1.0 is an integer to JSON Schema, and a JSON parser keeps one
        # of a repeated key's values (Python's the last).
        for text in ('{"status": {"duration": 1.0}}', '{"metadata": {"name": "a", "name": "b"}}'):
            self.assertEqual(list(v.iter_errors(json.loads(text))), [], text)
        # An integer written with a fraction: JSON Schema's "integer" takes 1.0.
        report = self.verdicts("training_job", [{"status": {"duration": 1.0}}])[0]
        self.assertEqual([d["code"] for d in report["diagnostics"]], ["not_integer"])
        # A key given twice: a JSON parser keeps one value, conform reports it.
        status, out, _ = run(["validate", "--format", "json", "-"],
                             stdin=b'{"metadata": {"name": "a", "name": "b"}}')
        self.assertEqual([d["code"] for d in documents(out)[0]["diagnostics"]], ["duplicate_key"])
        # ordered: noted in $comment, not checked by the schema.
        schema = v.schema
        record = schema["$defs"]["conform.modelarts.running_record"]
        self.assertIn("end_at not before start_at", json.dumps(record))

    def test_usage(self):
        status, out, err = run(["schema", "--schema", "nope"])
        self.assertEqual((status, out), (2, ""))
        self.assertIn("conform schema --help", err)
        status, out, _ = run(["schema", "--strict"])
        self.assertEqual(status, 0)
        self.assertIn('"additionalProperties": false', out)


# ------------------------------------------------------------------------------------------------
def main(argv):
    global EXE, SOURCE, BUILD
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    EXE, SOURCE, BUILD, area = os.path.abspath(argv[1]), argv[2], argv[3], argv[4]
    classes = [c for c in globals().values()
               if isinstance(c, type) and issubclass(c, unittest.TestCase)
               and getattr(c, "area", None) == area]
    if not classes:
        print(f"no tests for area {area!r}", file=sys.stderr)
        return 2
    suite = unittest.TestSuite(unittest.defaultTestLoader.loadTestsFromTestCase(c)
                               for c in classes)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    if not result.wasSuccessful():
        return 1
    # Meson's "skipped" status: an area whose every test was skipped has checked nothing, and
    # tools/count_results.py must not count it as passed.
    return 77 if result.testsRun and len(result.skipped) == result.testsRun else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
