// The command-line pipeline (conform_cli::validate_memory) with each allocation failing in
// turn, on one thread and on two workers, over an NDJSON stream and a HAR archive. Memory
// running out while a document is checked makes that document invalid (out_of_memory), and so
// does memory running out while an NDJSON line is held, copied or handed over (the lines after
// it are still read); elsewhere in reading an input, the input is reported unreadable (exit
// status 2) and the documents before stand. Never a crash, a hang or an exception. A program
// of its own, because it replaces the global operator new (tests/support).
#include "conform_cli.hpp"

#include "../support/failing_allocation.hpp"
#include "../support/test.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace {

namespace allocation = conform_test::allocation;
using allocation::failing_scope;
using allocation::failure;

std::string read(std::string const& relative) {
  return conform_test::read_file(conform_test::source_dir() + "/" + relative);
}

// A stream into a string whose room is taken before the counter is armed, so that what the
// pipeline writes never fails for want of memory: the test sees every line it wrote.
class reserved_stream : public std::streambuf {
public:
  explicit reserved_stream(std::size_t room) { text_.reserve(room); }
  std::string const& text() const noexcept { return text_; }
  void clear() noexcept { text_.clear(); }

protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) {
      return traits_type::not_eof(c);
    }
    if (text_.size() == text_.capacity()) {
      return traits_type::eof(); // full: the test's room was too small
    }
    text_.push_back(traits_type::to_char_type(c));
    return c;
  }
  std::streamsize xsputn(char const* s, std::streamsize n) override {
    auto const room = static_cast<std::streamsize>(text_.capacity() - text_.size());
    std::streamsize const k = std::min(n, room);
    text_.append(s, static_cast<std::size_t>(k));
    return k;
  }

private:
  std::string text_;
};

struct run_result {
  conform_cli::totals totals;
  std::string out;
  std::string err;
};

struct input {
  std::string name;
  std::string bytes;
  std::size_t documents;
  /// NDJSON: memory running out for one line costs that line, not the input.
  bool per_line = false;
};

// Eight responses, one per line: varied, three of them invalid (priority 4).
input ndjson() {
  boost::json::value base = boost::json::parse(read("tests/fixtures/valid/full.json"));
  std::string bytes;
  for (int i = 0; i < 8; ++i) {
    boost::json::value v = base;
    v.at("metadata").at("name") = "job-" + std::to_string(i);
    v.at("spec").at("schedule_policy").at("priority") = i % 3 == 1 ? 4 : i % 4;
    bytes += boost::json::serialize(v);
    bytes += '\n';
  }
  return {"stream.ndjson", bytes, 8, true};
}

input har() {
  return {"training-jobs.har", read("examples/training-jobs.har"), 4};
}

class runner {
public:
  explicit runner(conform_cli::settings const& s) : s_(s), out_(1 << 20), err_(1 << 16) {}

  run_result run(input const& in) {
    out_.clear();
    err_.clear();
    std::ostream out(&out_);
    std::ostream err(&err_);
    run_result r;
    r.totals = conform_cli::validate_memory(in.bytes, in.name, s_, out, err);
    return r;
  }
  // Copies taken with the counter disarmed.
  std::string out() const { return out_.text(); }
  std::string err() const { return err_.text(); }

private:
  conform_cli::settings s_;
  reserved_stream out_;
  reserved_stream err_;
};

using conform_test::lines;

// What a run with allocations failing may do, against the run with memory enough.
void check_run(run_result const& r, std::string const& out, std::string const& err,
               run_result const& reference, std::string const& reference_out,
               std::string const& reference_err, input const& in, failure how) {
  CAPTURE(out);
  CAPTURE(err);
  if (r.totals.io_error) {
    // Reading or handing over ran out: said so, and no more documents than the input has.
    CHECK(err.find("out of memory") != std::string::npos);
    CHECK(r.totals.documents <= in.documents);
    if (in.per_line && how == failure::once) {
      // Only a failure in setting up, before the first line, leaves an NDJSON input unread.
      CHECK(r.totals.documents == 0);
    }
    return;
  }
  CHECK(err == reference_err);
  CHECK(r.totals.documents == reference.totals.documents);
  CHECK(r.totals.invalid >= reference.totals.invalid);
  // Each report line (--format json: one per document, in input order) is the one memory
  // enough gives, or an out_of_memory report; a document whose report could not even be
  // made counts as invalid without a line.
  auto const got = lines(out);
  auto const want = lines(reference_out);
  CHECK(got.size() <= want.size());
  std::size_t replaced = 0;
  for (auto const& line : got) {
    if (std::find(want.begin(), want.end(), line) == want.end()) {
      CHECK_MESSAGE(line.find("\"code\":\"out_of_memory\"") != std::string::npos, line);
      ++replaced;
    }
  }
  if (how == failure::once) {
    // One failed allocation costs one document at most.
    CHECK(r.totals.invalid <= reference.totals.invalid + 1);
    CHECK(replaced <= 1);
    CHECK(got.size() == want.size());
  }
}

} // namespace

TEST_SUITE("cli_allocation_failure") {
  TEST_CASE("validate_memory: each allocation failing, on one thread and on two workers") {
    for (input const& in : {ndjson(), har()}) {
      for (unsigned jobs : {1u, 2u}) {
        CAPTURE(in.name);
        CAPTURE(jobs);
        conform_cli::settings s;
        s.format = conform_cli::output_format::json;
        s.summary = true; // the per-pointer tallies allocate as reports are written
        s.jobs = jobs;
        runner run(s);
        allocation::count_only();
        run_result const reference = run.run(in);
        std::size_t const total = allocation::attempts();
        std::string const reference_out = run.out();
        std::string const reference_err = run.err(); // the archive's notes on skipped entries
        REQUIRE(reference.totals.documents == in.documents);
        // Two workers share out the allocations differently from run to run; every n up to
        // the total is still tried.
        for (auto how : {failure::once, failure::from_then}) {
          std::size_t unheld = 0; // runs that reported a line it could not hold
          for (std::size_t n = 0; n < total; ++n) {
            CAPTURE(n);
            run_result r;
            {
              failing_scope scope(n, how);
              r = run.run(in);
            }
            check_run(r, run.out(), run.err(), reference, reference_out, reference_err, in, how);
            if (run.out().find("could not be held in memory") != std::string::npos) {
              ++unheld;
            }
          }
          if (in.per_line && how == failure::once) {
            CHECK(unheld > 0); // holding or copying a line failed in some run, costing that line
          }
        }
      }
    }
  }
}
