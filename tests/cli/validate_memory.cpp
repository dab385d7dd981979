// Tests of conform_cli::validate_memory, the command-line pipeline as a library call (what
// benchmarks/bench_cli.cpp measures): the same report whatever --jobs, the totals, and I/O
// errors reported rather than thrown.
#include "conform_cli.hpp"
#include "document.hpp"

#include <doctest/doctest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read(std::string const& relative) {
  std::ifstream in(std::string(CONFORM_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE_MESSAGE(in, relative);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// n responses, every seventh with priority 4 (invalid), the rest varied but valid.
std::string stream(std::size_t n) {
  boost::json::value base = boost::json::parse(read("tests/fixtures/valid/full.json"));
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    boost::json::value v = base;
    v.at("metadata").at("name") = "job-" + std::to_string(i);
    v.at("status").at("duration") = i * 1000;
    v.at("spec").at("schedule_policy").at("priority") = i % 7 == 3 ? 4 : static_cast<int>(i % 4);
    out += boost::json::serialize(v);
    out += '\n';
  }
  return out;
}

struct run_result {
  conform_cli::totals totals;
  std::string out;
  std::string err;
};

run_result run(std::string const& bytes, conform_cli::settings const& s,
               std::string const& name = "memory.ndjson") {
  std::ostringstream out;
  std::ostringstream err;
  run_result r;
  r.totals = conform_cli::validate_memory(bytes, name, s, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

} // namespace

TEST_SUITE("cli_library") {
  TEST_CASE("validate_memory: one job and two give the same report, in input order") {
    std::string data = stream(700);
    for (auto format : {conform_cli::output_format::text, conform_cli::output_format::json}) {
      CAPTURE(static_cast<int>(format));
      conform_cli::settings s;
      s.format = format;
      s.jobs = 1;
      auto one = run(data, s);
      s.jobs = 2;
      auto two = run(data, s);
      CHECK(one.out == two.out);
      CHECK(one.totals.documents == 700);
      CHECK(two.totals.documents == 700);
      CHECK(one.totals.invalid == 100);
      CHECK(two.totals.invalid == 100);
      CHECK(two.totals.errors == 100);
      CHECK(two.totals.bytes == data.size() - 700); // the newlines are not body bytes
      CHECK(one.err.empty());
    }
  }

  TEST_CASE("validate_memory: the example archive") {
    conform_cli::settings s;
    s.format = conform_cli::output_format::json;
    s.jobs = 2;
    auto r = run(read("examples/training-jobs.har"), s, "x.har");
    CHECK(r.totals.documents == 4);
    CHECK(r.totals.invalid == 1);
    CHECK(r.totals.skipped == 3);
    CHECK(!r.totals.io_error);
  }

  TEST_CASE("validate_memory: a note keeps its place after the reports, on two workers too") {
    // The archive's note on skipped entries is written by the pipeline in input order (after
    // the entries' reports), in the text output and as a GitHub annotation; with workers, it
    // waits for the reports before it.
    std::string const har = read("examples/training-jobs.har");
    for (auto format : {conform_cli::output_format::text, conform_cli::output_format::github}) {
      CAPTURE(static_cast<int>(format));
      conform_cli::settings s;
      s.format = format;
      s.jobs = 1;
      auto const one = run(har, s, "x.har");
      s.jobs = 2;
      auto const two = run(har, s, "x.har");
      CHECK(one.out == two.out);
      CHECK(two.err.empty());
      CHECK(two.totals.skipped == 3);
      auto const note = two.out.find("3 of 7 entries skipped");
      REQUIRE(note != std::string::npos);
      // Every report comes before it: the last line is the note.
      CHECK(two.out.find('\n', note) == two.out.size() - 1);
    }
  }

  TEST_CASE("validate_memory: a broken archive is an I/O error with one line") {
    std::string har = read("examples/training-jobs.har");
    conform_cli::settings s;
    auto r = run(har.substr(0, har.size() / 2), s, "cut.har");
    CHECK(r.totals.io_error);
    CHECK(r.err.rfind("conform: cut.har: broken HAR at line ", 0) == 0);
    CHECK(r.err.find('\n') == r.err.size() - 1);
  }

  TEST_CASE("validate_memory: a HAR entry over the per-entry limit does not end the archive") {
    // The limit is twice max_input_bytes plus 16 MiB: with 4 KiB, an entry of 17 MiB is over.
    conform_cli::settings s;
    s.decode.max_input_bytes = 4096;
    s.format = conform_cli::output_format::json;
    std::string const job_url = "https://x/v2/0123456789abcdef/training-jobs/3faf5c03-aaa1";
    std::string const big = std::string(17u << 20, 'Q');
    auto request = [](std::string const& url) {
      return "\"request\":{\"method\":\"GET\",\"url\":\"" + url + "\",\"headers\":[]}";
    };
    auto response = [](std::string const& text) {
      return "\"response\":{\"status\":200,\"content\":{\"encoding\":\"base64\",\"text\":\"" +
             text + "\"}}";
    };
    // Entry 1: a download whose response comes before its request (so it is only known to be
    // no document once read to its end). Entry 2: a document over the limit.
    std::string const head = "{\"log\":{\"entries\":[\n {" + request(job_url) + "," +
                             response("e30=") + "},\n {" + response(big) + "," +
                             request("https://cdn/model.bin") + "},\n  ";
    std::string const har = head + "{" + request(job_url) + "," + response(big) + "},\n {" +
                            request(job_url) + "," + response("e30=") + "}]}}\n";
    {
      s.jobs = 2;
      auto r = run(har, s, "big.har");
      CHECK(!r.totals.io_error);
      CHECK(r.totals.documents == 3);
      CHECK(r.totals.invalid == 1);
      CHECK(r.totals.skipped == 1);
      CHECK(r.err == "big.har: note: 1 of 4 entries skipped (1 not a GET of "
                     "/v2/{project_id}/training-jobs/{training_job_id})\n");
      std::istringstream lines(r.out);
      std::string line;
      std::vector<boost::json::value> docs;
      while (std::getline(lines, line)) {
        docs.push_back(boost::json::parse(line));
      }
      REQUIRE(docs.size() == 3);
      CHECK(docs[0].at("valid") == true);
      CHECK(docs[2].at("valid") == true);
      CHECK(docs[2].at("locator").as_string().starts_with("entry 3 GET "));
      auto const& d = docs[1].at("diagnostics").at(0);
      CHECK(docs[1].at("locator").as_string().starts_with("entry 2 GET "));
      CHECK(d.at("code") == "limit_exceeded");
      // Where the entry starts: its '{', on line 4 after two spaces.
      std::string where = "starting at line 4, column 3 (byte " + std::to_string(head.size()) + ")";
      CHECK_MESSAGE(std::string(d.at("message").as_string()).find(where) != std::string::npos,
                    d.at("message"));
    }
  }

  TEST_CASE("validate_memory: an over-large entry's column counts characters") {
    // Columns count characters everywhere (the library's diagnostics, the broken-HAR message):
    // the entry's '{' follows a comment with two-byte characters and escapes on its line.
    conform_cli::settings s;
    s.decode.max_input_bytes = 4096;
    s.format = conform_cli::output_format::json;
    std::string const prefix =
        "{\"log\":{\"comment\":\"\xC3\xA9t\xC3\xA9 \\\"q\\\" \\u00e9 \xC3\xBC\","
        "\"entries\":[";
    std::string const har =
        prefix +
        "{\"request\":{\"method\":\"GET\",\"url\":\"https://x/v2/0123456789abcdef/"
        "training-jobs/3faf5c03-aaa1\"},\"response\":{\"status\":200,\"content\":"
        "{\"text\":\"" +
        std::string(17u << 20, ' ') + "\"}}}]}}";
    std::size_t characters = 0;
    for (unsigned char c : prefix) {
      characters += (c & 0xC0u) != 0x80u;
    }
    REQUIRE(characters + 3 == prefix.size()); // three two-byte characters
    auto r = run(har, s, "wide.har");
    REQUIRE(r.totals.documents == 1);
    std::string where = "starting at line 1, column " + std::to_string(characters + 1) + " (byte " +
                        std::to_string(prefix.size()) + ")";
    CHECK_MESSAGE(r.out.find(where) != std::string::npos, r.out);
  }

  TEST_CASE("validate_memory: quiet writes nothing, empty input is one invalid document") {
    conform_cli::settings s;
    s.quiet = true;
    auto r = run(stream(20), s);
    CHECK(r.out.empty());
    CHECK(r.totals.invalid == 3);
    s.quiet = false;
    auto empty = run("", s);
    CHECK(empty.totals.documents == 1);
    CHECK(empty.totals.invalid == 1);
  }
}

TEST_CASE("a document that runs out of memory is reported, invalid, in the output's format") {
  conform_cli::document doc;
  doc.source = std::make_shared<std::string const>("in\x1b.ndjson");
  doc.index = 4;
  doc.locator = "line 5";
  doc.first_line = 5;
  conform_cli::settings s;
  auto const text = conform_cli::out_of_memory_outcome(doc, s);
  CHECK_FALSE(text.valid);
  CHECK(text.errors == 1);
  // The file name's ESC never reaches a terminal.
  CHECK(text.rendered == "in?.ndjson: error: out of memory: while validating line 5\n");

  s.format = conform_cli::output_format::json;
  auto const json = conform_cli::out_of_memory_outcome(doc, s);
  boost::json::value v = boost::json::parse(json.rendered);
  CHECK(v.at("valid") == false);
  CHECK(v.at("document") == 4);
  CHECK(v.at("locator") == "line 5");
  auto const& d = v.at("diagnostics").as_array().at(0);
  CHECK(d.at("code") == "out_of_memory");
  CHECK(d.at("severity") == "error");
  CHECK(d.at("in") == "body");

  s.format = conform_cli::output_format::sarif;
  auto const sarif = conform_cli::out_of_memory_outcome(doc, s);
  REQUIRE(sarif.rendered.size() > 1);
  CHECK(sarif.rendered.front() == ','); // a result of the log, as any other
  boost::json::value r = boost::json::parse(sarif.rendered.substr(1));
  CHECK(r.at("ruleId") == "out_of_memory");
  CHECK(r.at("level") == "error");
  CHECK(r.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri") ==
        "in%1B.ndjson");
  // No line of its own: the document's first line.
  CHECK(r.at("locations").at(0).at("physicalLocation").at("region") ==
        boost::json::parse(R"({"startLine":5})"));

  s.format = conform_cli::output_format::github;
  auto const github = conform_cli::out_of_memory_outcome(doc, s);
  CHECK(
      github.rendered.rfind("::error file=in?.ndjson,line=5,title=conform%3A out_of_memory::out of "
                            "memory: while validating line 5",
                            0) == 0);
}
