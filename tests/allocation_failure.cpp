// Memory exhaustion, allocation by allocation. decode and decode_into promise never to throw
// and to turn exhaustion into an out_of_memory diagnostic; validate, encode, generate and
// json_schema promise to throw std::bad_alloc and nothing else. This program replaces the global
// operator new (support/failing_allocation.cpp), which is why it is an executable of its own rather
// than a part of the tests of decode.hpp, and makes each allocation of a decode fail in turn:
//  - once (a transient shortage): the failure is either reported, with every other finding
//    as a decode with memory enough makes it, or absorbed without a trace: the result then
//    equals that decode's, line and column included. decode_into, which decodes again after
//    any decode that stopped early, must always absorb it.
//  - from then on (memory exhausted): absorbed in the same way, or the document is invalid
//    and out_of_memory is the entry the list ends with, whenever there was room left to say
//    so (when there was not, the partial value is released to make some).
// Under the sanitized CI build (AddressSanitizer, whose leak checker runs at exit) the same
// runs prove that no path leaks or frees twice what it had built before the failure.
#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/encode.hpp>
#include <conform/generate.hpp>
#include <conform/json_schema.hpp>
#include <conform/modelarts.hpp>
#include <conform/validate.hpp>

#include "support/failing_allocation.hpp"
#include "support/test.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstddef>
#include <new>
#include <string>
#include <vector>

namespace {

using conform::diagnostic;
using conform::diagnostics;
using conform::error;
using conform::severity;
using conform::modelarts::training_job;
namespace allocation = conform_test::allocation;
using allocation::failing_scope;
using allocation::failure;

struct document {
  std::string name;
  std::string text;
};

// Valid documents, one with a warning, the benchmarks' document of 514 findings, and one
// whose findings are out of document order (a cross-member rule at the record's end blames a
// member before a rejected one), which makes line and column resolution sort them.
std::vector<document> documents() {
  std::string const root = conform_test::source_dir();
  std::string out_of_order = conform_test::fixture("valid/api_example.json");
  std::string const end_at = "\"end_at\" : 1701322341";
  auto const at = out_of_order.find(end_at);
  REQUIRE(at != std::string::npos);
  out_of_order.insert(at + end_at.size(), ", \"xpu_start_at\" : \"soon\"");
  return {
      {"api_example", conform_test::fixture("valid/api_example.json")},
      {"full", conform_test::fixture("valid/full.json")},
      {"errors", conform_test::read_file(root + "/benchmarks/fixtures/errors.json")},
      {"out of order", out_of_order},
  };
}

conform::decode_options keep_all() {
  conform::decode_options o;
  o.max_diagnostics = 1000;
  return o;
}

std::size_t count_of(diagnostics const& ds, error code) {
  return static_cast<std::size_t>(
      std::count_if(ds.begin(), ds.end(), [&](diagnostic const& d) { return d.code == code; }));
}

// Every finding other than out_of_memory is one that `full` (the result with memory enough)
// holds, located as it is there.
bool findings_are_a_subset(diagnostics const& got, diagnostics const& full) {
  for (auto const& d : got) {
    if (d.code != error::out_of_memory && std::find(full.begin(), full.end(), d) == full.end()) {
      return false;
    }
  }
  return true;
}

// A decode that met one failed allocation: reported, or absorbed without a trace.
template <class Result>
void check_transient(Result const& r, conform::decode_result<training_job> const& reference,
                     std::size_t n) {
  auto const& ds = r.diagnostics;
  std::size_t const reported = count_of(ds, error::out_of_memory);
  CAPTURE(n);
  CAPTURE(conform_test::summary(ds));
  CHECK(reported <= 1);
  if (reported == 0) {
    CHECK(ds == reference.diagnostics);
    CHECK(conform::encode(r.value) == conform::encode(reference.value));
    return;
  }
  CHECK(ds.has_errors());
  CHECK(ds.back().code == error::out_of_memory);
  CHECK(ds.back().level == severity::error);
  CHECK(findings_are_a_subset(ds, reference.diagnostics));
  // What was decoded before the failure is a value like any other.
  CHECK_NOTHROW((void)conform::encode(r.value));
}

// A decode after which no allocation could succeed: absorbed as above (the failures came
// where there is a way around them), or reported by out_of_memory as the last entry, or,
// when not even that entry could be had, counted: an empty list that has errors.
void check_exhausted(diagnostics const& ds, diagnostics const& reference, std::size_t n) {
  CAPTURE(n);
  CAPTURE(conform_test::summary(ds));
  if (ds == reference) {
    return;
  }
  CHECK(ds.has_errors());
  CHECK(count_of(ds, error::out_of_memory) <= 1);
  if (!ds.empty()) {
    CHECK(ds.back().code == error::out_of_memory);
    CHECK(findings_are_a_subset(ds, reference));
  }
}

// How many allocations `run` makes (with none failing).
template <class Run>
std::size_t allocations_of(Run run) {
  allocation::count_only();
  run();
  return allocation::attempts();
}

} // namespace

TEST_CASE("decode: each allocation failing once is reported or absorbed") {
  for (auto const& doc : documents()) {
    CAPTURE(doc.name);
    auto const reference = conform::decode<training_job>(doc.text, keep_all());
    std::size_t const total =
        allocations_of([&] { (void)conform::decode<training_job>(doc.text, keep_all()); });
    REQUIRE(total > 0);
    std::size_t reported = 0;
    for (std::size_t n = 0; n < total; ++n) {
      conform::decode_result<training_job> r;
      {
        failing_scope scope(n, failure::once);
        r = conform::decode<training_job>(doc.text, keep_all());
        REQUIRE(allocation::failures() == 1);
      }
      reported += count_of(r.diagnostics, error::out_of_memory);
      check_transient(r, reference, n);
    }
    // Most failures must show: only a few allocations have a way around them.
    CHECK(reported > total / 2);
  }
}

TEST_CASE("decode: memory exhausted from any allocation on is reported or absorbed") {
  std::size_t released = 0;
  for (auto const& doc : documents()) {
    CAPTURE(doc.name);
    auto const reference = conform::decode<training_job>(doc.text, keep_all());
    std::size_t const total =
        allocations_of([&] { (void)conform::decode<training_job>(doc.text, keep_all()); });
    for (std::size_t n = 0; n < total; ++n) {
      conform::decode_result<training_job> r;
      {
        failing_scope scope(n, failure::from_then);
        r = conform::decode<training_job>(doc.text, keep_all());
      }
      check_exhausted(r.diagnostics, reference.diagnostics, n);
      if (r.diagnostics.empty() && r.diagnostics.has_errors()) {
        // No room even for out_of_memory: the partial value was released to make some.
        ++released;
        CHECK(conform::encode(r.value) == conform::encode(training_job{}));
      }
    }
  }
  CHECK(released > 0); // `full`, which has no findings, has no list to report in
}

TEST_CASE("decode_into: a transient failure leaves the result a fresh decode would give") {
  auto const docs = documents();
  std::string const& previous = docs[1].text; // `full`: every member, so storage to recycle
  for (auto const& doc : docs) {
    CAPTURE(doc.name);
    auto const reference = conform::decode<training_job>(doc.text, keep_all());
    // Each decode_into goes into a new value that held `previous` and nothing else: what it
    // allocates depends on the capacities it finds.
    std::size_t total = 0;
    {
      training_job job;
      (void)conform::decode_into(job, previous, keep_all());
      total = allocations_of([&] { (void)conform::decode_into(job, doc.text, keep_all()); });
    }
    for (std::size_t n = 0; n < total; ++n) {
      CAPTURE(n);
      training_job job;
      (void)conform::decode_into(job, previous, keep_all());
      diagnostics ds;
      {
        failing_scope scope(n, failure::once);
        ds = conform::decode_into(job, doc.text, keep_all());
        REQUIRE(allocation::failures() == 1);
      }
      CHECK(ds == reference.diagnostics);
      CHECK(conform::encode(job) == conform::encode(reference.value));
    }
    for (std::size_t n = 0; n < total; ++n) {
      training_job job;
      (void)conform::decode_into(job, previous, keep_all());
      diagnostics ds;
      {
        failing_scope scope(n, failure::from_then);
        ds = conform::decode_into(job, doc.text, keep_all());
      }
      check_exhausted(ds, reference.diagnostics, n);
    }
  }
}

TEST_CASE("decode from a DOM: each allocation failing once or for good") {
  for (auto const& doc : documents()) {
    CAPTURE(doc.name);
    boost::json::value const v = boost::json::parse(doc.text);
    auto const reference = conform::decode<training_job>(v, keep_all());
    std::size_t const total =
        allocations_of([&] { (void)conform::decode<training_job>(v, keep_all()); });
    REQUIRE(total > 0);
    for (std::size_t n = 0; n < total; ++n) {
      conform::decode_result<training_job> once;
      conform::decode_result<training_job> exhausted;
      {
        failing_scope scope(n, failure::once);
        once = conform::decode<training_job>(v, keep_all());
      }
      check_transient(once, reference, n);
      {
        failing_scope scope(n, failure::from_then);
        exhausted = conform::decode<training_job>(v, keep_all());
      }
      check_exhausted(exhausted.diagnostics, reference.diagnostics, n);
    }
  }
}

// Runs `make` with each of its allocations failing in turn (once, then from then on): it
// either throws std::bad_alloc, or returns what it returns with memory enough.
template <class Make>
void check_throws_only_bad_alloc(Make make) {
  auto const reference = make();
  for (auto how : {failure::once, failure::from_then}) {
    std::size_t const total = allocations_of(make);
    REQUIRE(total > 0);
    std::size_t thrown = 0;
    for (std::size_t n = 0; n < total; ++n) {
      CAPTURE(n);
      failing_scope scope(n, how);
      try {
        auto got = make();
        allocation::count_only(); // the comparison may allocate
        CHECK(got == reference);
      } catch (std::bad_alloc const&) {
        ++thrown; // the promised exception; anything else fails the test case
      }
    }
    CHECK(thrown > 0);
  }
}

TEST_CASE("validate, encode, generate and json_schema throw std::bad_alloc and nothing else") {
  for (auto const& doc : documents()) {
    CAPTURE(doc.name);
    auto const decoded = conform::decode<training_job>(doc.text, keep_all());
    check_throws_only_bad_alloc([&] { return conform::validate(decoded.value, keep_all()); });
    check_throws_only_bad_alloc([&] { return conform::encode(decoded.value); });
    // Valid values from the document's bytes, the way a fuzzer's input makes them.
    check_throws_only_bad_alloc(
        [&] { return conform::encode(conform::generate<training_job>(doc.text)); });
  }
  check_throws_only_bad_alloc([] { return conform::json_schema<training_job>(); });
}
