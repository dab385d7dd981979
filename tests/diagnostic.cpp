// Tests for <conform/diagnostic.hpp>: a diagnostic's defaults, its one-line message and
// printed form, value semantics (equality on every field), and the diagnostics list: order,
// counts past the cap, clear and printing. What a decode puts in it is tested in decode.cpp.
#include <conform/diagnostic.hpp>

#include "support/test.hpp"

#include <sstream>
#include <string>

namespace diagnostic_test {

inline conform::diagnostic make(conform::error code, conform::severity level, std::string pointer,
                                std::string expected, std::string found) {
  conform::diagnostic d;
  d.code = code;
  d.level = level;
  d.pointer = std::move(pointer);
  d.expected = std::move(expected);
  d.found = std::move(found);
  return d;
}

} // namespace diagnostic_test

using namespace diagnostic_test;
using conform::error;
using conform::severity;

TEST_SUITE("diagnostic") {
  TEST_CASE("diagnostic: a default diagnostic has no position") {
    conform::diagnostic d;
    CHECK(d.code == error::syntax_error);
    CHECK(d.level == severity::error);
    CHECK(d.pointer.empty());
    CHECK(d.expected.empty());
    CHECK(d.found.empty());
    CHECK(d.member.empty());
    CHECK(d.offset == conform::diagnostic::no_offset);
    CHECK(conform::diagnostic::no_offset == static_cast<std::size_t>(-1));
    CHECK(d.line == 0);
    CHECK(d.column == 0);
  }

  TEST_CASE("diagnostic: message() joins the description, expected and found") {
    struct row {
      error code;
      std::string expected;
      std::string found;
      std::string message;
    };
    row const rows[] = {
        {error::type_mismatch, "a string", "number 1",
         "wrong type: expected a string, found number 1"},
        {error::missing_member, "member \"a\"", "", "missing member: expected member \"a\""},
        {error::invalid_value, "", "\"x\"", "invalid value: \"x\""},
        {error::out_of_memory, "", "", "out of memory"},
        {error::limit_exceeded, "at most 1 bytes of input (max_input_bytes)", "2 bytes",
         "limit exceeded: expected at most 1 bytes of input (max_input_bytes), found 2 bytes"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.message);
      CHECK(make(r.code, severity::error, "", r.expected, r.found).message() == r.message);
    }
  }

  TEST_CASE("diagnostic: operator<< prints line:column only when known") {
    auto d = make(error::type_mismatch, severity::error, "/a~1b/0", "a string", "number 1");
    CHECK(conform::to_string(d) ==
          "error: wrong type: expected a string, found number 1 [type_mismatch] at '/a~1b/0'");
    d.line = 3;
    d.column = 7;
    d.offset = 42;
    CHECK(conform::to_string(d) ==
          "3:7: error: wrong type: expected a string, found number 1 [type_mismatch] at '/a~1b/0'");
    auto w = make(error::unknown_member, severity::warning, "/x", "", "member \"x\"");
    CHECK(conform::to_string(w) ==
          "warning: unknown member: member \"x\" [unknown_member] at '/x'");
    std::ostringstream os;
    os << d;
    CHECK(os.str() == conform::to_string(d));
  }

  TEST_CASE("diagnostic: the printed pointer escapes what would act on a terminal") {
    // Keys come from the document byte for byte: C0 and C1 controls, bidirectional
    // formatting characters and the line and paragraph separators are written as escapes;
    // other text, and a sequence cut short at the end, as they are.
    auto d = make(
        error::unknown_member, severity::warning,
        std::string("/\x1b[2J\x00/\xC2\x9B/\xE2\x80\xAEk/\xE2\x81\xA9\xD8\x9C\xE2\x80\x8F", 23) +
            "/\xC3\xA9\xE2\x80\xA9\xE2\x80\xA8\xC2\xA0\xE2\x80\xA7\xE2\x80",
        "", "x");
    CHECK(conform::to_string(d) == "warning: unknown member: x [unknown_member] at "
                                   "'/\\u001B[2J\\u0000/\\u009B/\\u202Ek/\\u2069\\u061C\\u200F/"
                                   "\xC3\xA9\\u2029\\u2028\xC2\xA0\xE2\x80\xA7\xE2\x80'");
  }

  TEST_CASE("diagnostic: equality compares every field") {
    auto base = make(error::out_of_range, severity::error, "/a", "a number in [0, 3]", "4");
    base.member = "t::a";
    base.offset = 10;
    base.line = 1;
    base.column = 11;
    auto same = base;
    CHECK(same == base);
    CHECK(!(same != base));

    struct row {
      char const* field;
      void (*change)(conform::diagnostic&);
    };
    row const rows[] = {
        {"code", [](conform::diagnostic& d) { d.code = error::invalid_value; }},
        {"level", [](conform::diagnostic& d) { d.level = severity::warning; }},
        {"pointer", [](conform::diagnostic& d) { d.pointer = "/b"; }},
        {"expected", [](conform::diagnostic& d) { d.expected += "!"; }},
        {"found", [](conform::diagnostic& d) { d.found = "5"; }},
        {"member", [](conform::diagnostic& d) { d.member = "t::b"; }},
        {"offset", [](conform::diagnostic& d) { d.offset = 11; }},
        {"line", [](conform::diagnostic& d) { d.line = 2; }},
        {"column", [](conform::diagnostic& d) { d.column = 1; }},
    };
    for (auto const& r : rows) {
      std::string field = r.field;
      CAPTURE(field);
      auto changed = base;
      r.change(changed);
      CHECK(changed != base);
      CHECK(!(changed == base));
    }
  }

  TEST_CASE("diagnostic: the list keeps order and counts errors and warnings") {
    conform::diagnostics ds;
    CHECK(ds.empty());
    CHECK(ds.size() == 0);
    CHECK(!ds.has_errors());
    CHECK(ds.error_count() == 0);
    CHECK(ds.warning_count() == 0);

    ds.push_back(make(error::unknown_member, severity::warning, "/w", "", ""));
    CHECK(!ds.has_errors());
    CHECK(ds.warning_count() == 1);

    ds.push_back(make(error::type_mismatch, severity::error, "/e", "", ""));
    ds.push_back(make(error::out_of_range, severity::error, "/f", "", ""));
    CHECK(ds.size() == 3);
    CHECK(ds.has_errors());
    CHECK(ds.error_count() == 2);
    CHECK(ds.front().pointer == "/w");
    CHECK(ds.back().pointer == "/f");
    CHECK(ds[1].pointer == "/e");
    CHECK(conform_test::codes(ds) ==
          std::vector<error>{error::unknown_member, error::type_mismatch, error::out_of_range});
    std::string pointers;
    for (auto const& d : ds) {
      pointers += d.pointer;
    }
    CHECK(pointers == "/w/e/f");
  }

  TEST_CASE("diagnostic: count() records a finding that was not kept") {
    conform::diagnostics ds;
    ds.count(severity::error);
    ds.count(severity::warning);
    ds.count(severity::warning);
    CHECK(ds.empty());
    CHECK(ds.has_errors());
    CHECK(ds.error_count() == 1);
    CHECK(ds.warning_count() == 2);

    conform::diagnostics warnings_only;
    warnings_only.count(severity::warning);
    CHECK(!warnings_only.has_errors());
  }

  TEST_CASE("diagnostic: clear() empties the list and resets the counts") {
    conform::diagnostics ds;
    ds.push_back(make(error::type_mismatch, severity::error, "/e", "", ""));
    ds.count(severity::warning);
    ds.clear();
    CHECK(ds.empty());
    CHECK(ds.error_count() == 0);
    CHECK(ds.warning_count() == 0);
    CHECK(!ds.has_errors());
    CHECK(ds == conform::diagnostics());
  }

  TEST_CASE("diagnostic: list equality includes the counts of what was not kept") {
    conform::diagnostics a;
    conform::diagnostics b;
    a.push_back(make(error::type_mismatch, severity::error, "/e", "", ""));
    b.push_back(make(error::type_mismatch, severity::error, "/e", "", ""));
    CHECK(a == b);
    b.count(severity::error);
    CHECK(a != b);
    a.count(severity::error);
    CHECK(a == b);
    a.items()[0].pointer = "/f";
    CHECK(a != b);
  }

  TEST_CASE("diagnostic: the list prints one line per diagnostic") {
    conform::diagnostics ds;
    CHECK(conform::to_string(ds).empty());
    ds.push_back(make(error::type_mismatch, severity::error, "/a", "a string", "true"));
    auto w = make(error::unknown_member, severity::warning, "/b", "", "member \"b\"");
    w.line = 2;
    w.column = 5;
    ds.push_back(w);
    std::string const expected =
        "error: wrong type: expected a string, found true [type_mismatch] at '/a'\n"
        "2:5: warning: unknown member: member \"b\" [unknown_member] at '/b'\n";
    CHECK(conform::to_string(ds) == expected);
    std::ostringstream os;
    os << ds;
    CHECK(os.str() == expected);
  }

  TEST_CASE("diagnostic: items() gives mutable access for post-processing") {
    conform::diagnostics ds;
    ds.push_back(make(error::type_mismatch, severity::error, "/a", "", ""));
    ds.items()[0].line = 9;
    CHECK(ds[0].line == 9);
    ds.reserve(100);
    CHECK(ds.size() == 1);
  }
}
