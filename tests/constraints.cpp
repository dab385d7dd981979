// Tests for <conform/constraints.hpp>: each constraint's check with pass, fail and both
// boundaries (table-driven), its expected()/found() texts, and the same constraints attached
// to members and run by the decoder: pointer, offset, severity (warn<>), each<> on elements,
// several constraints on one member, optionals, and values that were already rejected.
#include <conform/constraints.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/schema.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace constraints_test {

struct home {
  static constexpr std::string_view value = "/home";
};
struct home_slash {
  static constexpr std::string_view value = "/home/";
};
struct flavors {
  static constexpr std::string_view values[] = {"cpu", "gpu", "npu"};
};

using name_chars = conform::charset<conform::letters, conform::digits, conform::chars<'_', '-'>>;

struct job {
  std::string name;
  std::int64_t priority = 0;
  double ratio = 0;
  std::optional<std::string> flavor;
  std::optional<std::string> dir;
  std::vector<std::string> tags;
  std::vector<std::vector<std::int64_t>> ranges;
  std::map<std::string, std::string> labels;
  std::optional<int> timeout;
  std::uint64_t count = 1;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(job, (),
                      (name, priority, ratio, flavor, dir, tags, ranges, labels, timeout, count,
                       note))
CONFORM_MEMBER_RULES(job, name, conform::length<1, 8>, name_chars);
CONFORM_MEMBER_RULES(job, priority, conform::range<1, 3>);
CONFORM_MEMBER_RULES(job, ratio, conform::greater_than<0>);
CONFORM_MEMBER_RULES(job, flavor, conform::one_of<flavors>);
CONFORM_MEMBER_RULES(job, dir, conform::path_under<home>);
CONFORM_MEMBER_RULES(job, tags, conform::size<0, 2>, conform::each<conform::non_empty>);
CONFORM_MEMBER_RULES(job, ranges, conform::each<conform::size<2, 2>>,
                     conform::each<conform::each<conform::range<0, 9>>>);
CONFORM_MEMBER_RULES(job, labels, conform::each<conform::length<0, 3>>);
CONFORM_MEMBER_RULES(job, timeout, conform::warn<conform::range<0, 100>>);
CONFORM_MEMBER_RULES(job, count, conform::at_least<1>);

/// A valid job as JSON text, with member `member` (if any) given the value `value`.
inline std::string job_with(std::string const& member = "", std::string const& value = "") {
  std::pair<char const*, char const*> const members[] = {
      {"name", R"("job_1")"}, {"priority", "2"},           {"ratio", "0.5"},
      {"flavor", R"("gpu")"}, {"dir", R"("/home/work")"},  {"tags", R"(["a"])"},
      {"ranges", "[[0, 9]]"}, {"labels", R"({"k": "v"})"}, {"timeout", "10"},
      {"count", "1"}};
  std::string out = "{";
  for (auto const& [k, v] : members) {
    if (out.size() > 1) {
      out += ", ";
    }
    out += "\"" + std::string(k) + "\": " + (k == member ? value : std::string(v));
  }
  return out + "}";
}

struct sdk_only : conform::annotation {};

struct annotated {
  std::string id;
};
BOOST_DESCRIBE_STRUCT(annotated, (), (id))
CONFORM_MEMBER_RULES(annotated, id, sdk_only, conform::non_empty);

template <class C, class V>
std::string expected_of() {
  std::string out;
  C::expected(out);
  return out;
}

template <class C, class V>
std::string found_of(V const& v) {
  std::string out;
  C::found(v, out);
  return out;
}

inline bool diag_is(conform::diagnostics const& ds, std::size_t i, conform::error code,
                    conform::severity level, std::string const& pointer) {
  return i < ds.size() && ds[i].code == code && ds[i].level == level && ds[i].pointer == pointer;
}

} // namespace constraints_test

using namespace constraints_test;
using conform::error;
using conform::severity;

TEST_SUITE("constraints") {
  TEST_CASE("constraints: range includes both ends, for every number type") {
    using r = conform::range<0, 3>;
    struct row {
      std::int64_t value;
      bool pass;
    };
    row const rows[] = {{-1, false},
                        {0, true},
                        {1, true},
                        {3, true},
                        {4, false},
                        {std::numeric_limits<std::int64_t>::min(), false},
                        {std::numeric_limits<std::int64_t>::max(), false}};
    for (auto const& row : rows) {
      CAPTURE(row.value);
      CHECK(r::check(row.value) == row.pass);
      if (row.value >= std::numeric_limits<int>::min() &&
          row.value <= std::numeric_limits<int>::max()) {
        CHECK(r::check(static_cast<int>(row.value)) == row.pass);
        CHECK(r::check(static_cast<double>(row.value)) == row.pass);
        CHECK(r::check(static_cast<float>(row.value)) == row.pass);
      }
      if (row.value >= 0) {
        CHECK(r::check(static_cast<std::uint64_t>(row.value)) == row.pass);
        CHECK(r::check(static_cast<std::uint8_t>(row.value % 256)) == (row.value <= 3));
      }
    }
    CHECK(r::check(2.999));
    CHECK(!r::check(3.0000001));
    CHECK(!r::check(-0.0000001));
    CHECK(r::check(-0.0));
    CHECK(!r::check(std::numeric_limits<std::uint64_t>::max()));

    // Negative bounds on unsigned values: nothing fits below zero.
    CHECK(!conform::range<-5, -1>::check(std::uint64_t(0)));
    CHECK(conform::range<-5, 5>::check(std::uint64_t(0)));
    CHECK(conform::range<-5, 5>::check(std::uint64_t(5)));
    CHECK(!conform::range<-5, 5>::check(std::uint64_t(6)));
    CHECK(conform::range<-5, -1>::check(-5));
    CHECK(!conform::range<-5, -1>::check(0));
    CHECK(conform::range<5, 10>::check(std::uint32_t(5)));
    CHECK(!conform::range<5, 10>::check(std::uint32_t(4)));
  }

  TEST_CASE("constraints: range texts and static parameters") {
    using r = conform::range<-2, 86400>;
    CHECK(r::minimum == -2);
    CHECK(r::maximum == 86400);
    CHECK(r::code == error::out_of_range);
    CHECK(r::level == severity::error);
    CHECK(expected_of<r, int>() == "a number in [-2, 86400]");
    CHECK(found_of<r>(86401) == "86401");
    CHECK(found_of<r>(std::int64_t(-3)) == "-3");
    CHECK(found_of<r>(0.25) == "0.25");
    CHECK(found_of<r>(1e300) == "1e+300");
    CHECK(expected_of<conform::at_least<0>, int>() == "a number of at least 0");
    CHECK(expected_of<conform::range<std::numeric_limits<std::int64_t>::min(), 5>, int>() ==
          "a number of at most 5");
    CHECK(r::applies_to<int>);
    CHECK(r::applies_to<double>);
    CHECK(r::applies_to<std::uint64_t>);
    CHECK(!r::applies_to<bool>);
    CHECK(!r::applies_to<std::string>);
    CHECK(!r::applies_to<char>);
  }

  TEST_CASE("constraints: at_least is a lower bound only, whatever the value's size") {
    using a = conform::at_least<1>;
    CHECK(!a::check(0));
    CHECK(a::check(1));
    CHECK(a::check(std::numeric_limits<std::int64_t>::max()));
    CHECK(!a::check(std::numeric_limits<std::int64_t>::min()));
    CHECK(a::check(2.5));
    CHECK(!a::check(0.999));
    // Values beyond int64: still above the bound.
    CHECK(a::check(std::numeric_limits<std::uint64_t>::max()));
    CHECK(a::check(std::uint64_t(1) << 63));
    CHECK(a::check(1e19));
    CHECK(a::check(1e300));
    CHECK(conform::at_least<0>::check(std::numeric_limits<double>::max()));
  }

  TEST_CASE("constraints: greater_than excludes its bound") {
    using g = conform::greater_than<0>;
    struct row {
      double value;
      bool pass;
    };
    row const rows[] = {{-1, false}, {0, false}, {-0.0, false}, {1e-300, true},
                        {0.5, true}, {1, true},  {1e300, true}};
    for (auto const& r : rows) {
      CAPTURE(r.value);
      CHECK(g::check(r.value) == r.pass);
    }
    CHECK(!g::check(0));
    CHECK(g::check(1));
    CHECK(!g::check(-1));
    CHECK(!g::check(std::uint64_t(0)));
    CHECK(g::check(std::uint64_t(1)));
    CHECK(conform::greater_than<-1>::check(0));
    CHECK(!conform::greater_than<-1>::check(-1));
    CHECK(g::exclusive_minimum == 0);
    CHECK(expected_of<g, int>() == "a number greater than 0");
    CHECK(expected_of<conform::greater_than<-7>, int>() == "a number greater than -7");
    CHECK(found_of<g>(-1) == "-1");
    CHECK(found_of<g>(0.0) == "0");
    CHECK(found_of<g>(-0.5) == "-0.5");
  }

  TEST_CASE("constraints: greater_than holds for unsigned values beyond int64") {
    using g = conform::greater_than<0>;
    CHECK(g::check(std::numeric_limits<std::uint64_t>::max()));
    CHECK(g::check(std::uint64_t(1) << 63));
    CHECK(conform::greater_than<100>::check(std::numeric_limits<std::uint64_t>::max()));
  }

  TEST_CASE("constraints: length counts characters (code points), not bytes") {
    struct row {
      std::string value;
      bool one_to_three; // length<1, 3>
      bool exactly_two;  // length<2, 2>
      bool at_least_two; // length<2>
      std::string found; // length<1, 3>::found
    };
    row const rows[] = {
        {"", false, false, false, "0 characters"},
        {"a", true, false, false, "1 character"},
        {"ab", true, true, true, "2 characters"},
        {"abc", true, false, true, "3 characters"},
        {"abcd", false, false, true, "4 characters"},
        {"\xC3\xA9", true, false, false, "1 character"},                 // é: 2 bytes
        {"\xC3\xA9\xC3\xA9", true, true, true, "2 characters"},          // 4 bytes
        {"\xC3\xA9\xC3\xA9\xC3\xA9", true, false, true, "3 characters"}, // 6 bytes
        {"\xF0\x9F\x98\x80", true, false, false, "1 character"},         // emoji: 4 bytes
        {"a\xF0\x9F\x98\x80", true, true, true, "2 characters"},
        {"\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC", false, false, true, "4 characters"},
        {std::string("\0\0", 2), true, true, true, "2 characters"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.value);
      CHECK(conform::length<1, 3>::check(r.value) == r.one_to_three);
      CHECK(conform::length<2, 2>::check(r.value) == r.exactly_two);
      CHECK(conform::length<2>::check(r.value) == r.at_least_two);
      CHECK(conform::non_empty::check(r.value) == !r.value.empty());
      if (r.found.find("1 character") == std::string::npos) {
        CHECK(found_of<conform::length<1, 3>>(r.value) == r.found);
      }
    }
    CHECK(conform::length<0, 0>::check(""));
    CHECK(!conform::length<0, 0>::check("a"));
  }

  TEST_CASE("constraints: length counts characters across eight-byte blocks") {
    // utf8_length counts eight bytes at a time: every length around a block, with a character
    // of each width (and stray continuation bytes) starting at every offset, against a byte
    // by byte count.
    std::string const chars[] = {"a",    "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                 "\x80", "\xBF\xC0", "\x7F\xFF"};
    for (std::size_t prefix = 0; prefix < 20; ++prefix) {
      for (auto const& c : chars) {
        for (std::size_t suffix = 0; suffix < 12; ++suffix) {
          std::string const value = std::string(prefix, 'x') + c + std::string(suffix, '\xE9');
          std::size_t expected = 0;
          for (unsigned char b : value) {
            expected += (b & 0xC0u) != 0x80u;
          }
          CAPTURE(value);
          CHECK(conform::detail::utf8_length(value) == expected);
        }
      }
    }
  }

  TEST_CASE("constraints: length and non_empty texts") {
    CHECK(expected_of<conform::length<1, 64>, std::string>() == "1 to 64 characters");
    CHECK(expected_of<conform::length<3, 3>, std::string>() == "exactly 3 characters");
    CHECK(expected_of<conform::length<2>, std::string>() == "at least 2 characters");
    CHECK(expected_of<conform::non_empty, std::string>() == "at least 1 character");
    CHECK(conform::length<1, 64>::min_length == 1);
    CHECK(conform::length<1, 64>::max_length == 64);
    CHECK(conform::non_empty::min_length == 1);
    CHECK(conform::non_empty::code == error::length_out_of_range);
    CHECK(conform::non_empty::applies_to<std::string>);
    CHECK(!conform::non_empty::applies_to<int>);
    CHECK(!conform::non_empty::applies_to<std::vector<std::string>>);
  }

  TEST_CASE("constraints: size bounds the elements of arrays and maps") {
    using two = conform::size<2, 2>;
    using up_to_three = conform::size<0, 3>;
    using some = conform::size<1>;
    struct row {
      std::size_t n;
      bool two_ok;
      bool up_to_three_ok;
      bool some_ok;
    };
    row const rows[] = {{0, false, true, false},
                        {1, false, true, true},
                        {2, true, true, true},
                        {3, false, true, true},
                        {4, false, false, true}};
    for (auto const& r : rows) {
      CAPTURE(r.n);
      std::vector<int> v(r.n);
      std::map<std::string, int> m;
      for (std::size_t i = 0; i < r.n; ++i) {
        m[std::to_string(i)] = 0;
      }
      CHECK(two::check(v) == r.two_ok);
      CHECK(two::check(m) == r.two_ok);
      CHECK(up_to_three::check(v) == r.up_to_three_ok);
      CHECK(some::check(v) == r.some_ok);
    }
    CHECK(expected_of<two, std::vector<int>>() == "exactly 2 elements");
    CHECK(expected_of<conform::size<1, 1>, std::vector<int>>() == "exactly 1 element");
    CHECK(expected_of<up_to_three, std::vector<int>>() == "0 to 3 elements");
    CHECK(found_of<two>(std::vector<int>(3)) == "3 elements");
    CHECK(found_of<two>(std::vector<int>(1)) == "1 element");
    CHECK(found_of<two>(std::vector<int>()) == "0 elements");
    CHECK(two::code == error::length_out_of_range);
    CHECK(two::applies_to<std::vector<int>>);
    CHECK((two::applies_to<std::map<std::string, int>>));
    CHECK(!two::applies_to<std::string>);
    CHECK(!two::applies_to<int>);
  }

  TEST_CASE("constraints: charset accepts only its classes and names the first offender") {
    struct row {
      std::string value;
      bool pass;
      std::string found;
    };
    row const rows[] = {
        {"", true, ""},
        {"abc_XYZ-019", true, ""},
        {"a b", false, "' ' at character 2"},
        {"ab.c", false, "'.' at character 3"},
        {"a\tb", false, "U+0009 at character 2"},
        {"\xC3\xA9t\xC3\xA9", false, "U+00E9 at character 1"},
        {"a\xC3\xA9", false, "U+00E9 at character 2"},
        {"ab\xF0\x9F\x98\x80", false, "U+01F600 at character 3"},
        {"\xC3\xA9\xC3\xA9!", false, "U+00E9 at character 1"},
        {"a/b", false, "'/' at character 2"},
        {std::string("a\0", 2), false, "U+0000 at character 2"},
        {"\x7F", false, "U+007F at character 1"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.value);
      CHECK(name_chars::check(r.value) == r.pass);
      if (!r.pass) {
        CHECK(found_of<name_chars>(r.value) == r.found);
      }
    }
    CHECK(expected_of<name_chars, std::string>() == "only letters, digits, '_', '-'");
    CHECK(name_chars::code == error::invalid_character);
  }

  TEST_CASE("constraints: character classes") {
    using hex = conform::charset<conform::lower_hex_digits>;
    CHECK(hex::check("0123456789abcdef"));
    CHECK(!hex::check("A"));
    CHECK(!hex::check("g"));
    CHECK(expected_of<hex, std::string>() == "only lower-case hexadecimal digits");

    using letters = conform::charset<conform::letters>;
    CHECK(letters::check("azAZ"));
    CHECK(!letters::check("a1"));
    CHECK(!letters::check("@")); // just below 'A'
    CHECK(!letters::check("[")); // just above 'Z'
    CHECK(!letters::check("`")); // just below 'a'
    CHECK(!letters::check("{")); // just above 'z'

    using digits = conform::charset<conform::digits>;
    CHECK(digits::check("0123456789"));
    CHECK(!digits::check("/"));
    CHECK(!digits::check(":"));

    using dots = conform::charset<conform::chars<'.'>>;
    CHECK(dots::check("..."));
    CHECK(!dots::check("a"));
    CHECK(expected_of<dots, std::string>() == "only '.'");
    CHECK(conform::chars<'_', '-'>::name == "_-");
  }

  TEST_CASE("constraints: one_of accepts exactly the listed strings") {
    using o = conform::one_of<flavors>;
    for (std::string v : {"cpu", "gpu", "npu"}) {
      CAPTURE(v);
      CHECK(o::check(v));
    }
    for (std::string v : {"", "CPU", "cpu ", "tpu", "cp", "cpuu"}) {
      CAPTURE(v);
      CHECK(!o::check(v));
    }
    CHECK(expected_of<o, std::string>() == R"(one of "cpu", "gpu", "npu")");
    CHECK(found_of<o>(std::string("tpu")) == R"("tpu")");
    CHECK(found_of<o>(std::string("a\"b\n")) == R"("a\"b\u000A")");
    CHECK(o::code == error::invalid_value);
  }

  TEST_CASE("constraints: path_under accepts only paths strictly beneath the directory") {
    struct row {
      std::string value;
      bool pass;
    };
    row const rows[] = {
        {"/home/x", true}, {"/home/work/a.py", true}, {"/home//", true},   {"/home", false},
        {"/home/", false}, {"/homework", false},      {"/etc", false},     {"", false},
        {"home/x", false}, {"/Home/x", false},        {"//home/x", false}, {"/hom", false},
    };
    for (auto const& r : rows) {
      CAPTURE(r.value);
      CHECK(conform::path_under<home>::check(r.value) == r.pass);
      // A trailing slash on the directory changes nothing.
      CHECK(conform::path_under<home_slash>::check(r.value) == r.pass);
    }
    CHECK(expected_of<conform::path_under<home>, std::string>() == "a path under /home");
    CHECK(found_of<conform::path_under<home>>(std::string("/etc")) == R"("/etc")");
    CHECK(conform::path_under<home>::code == error::invalid_value);
  }

  TEST_CASE("constraints: warn<> keeps the check and lowers the severity") {
    using w = conform::warn<conform::range<0, 100>>;
    CHECK(w::level == severity::warning);
    CHECK(w::code == error::out_of_range);
    CHECK(w::check(50));
    CHECK(!w::check(101));
    CHECK(expected_of<w, int>() == "a number in [0, 100]");
  }

  TEST_CASE("constraints: quoted input in found() is escaped and truncated") {
    using o = conform::one_of<flavors>;
    std::string long_value(100, 'x');
    CHECK(found_of<o>(long_value) == "\"" + std::string(64, 'x') + "\"... (100 characters)");
    std::string controls = std::string("\x01\x1F\x7F", 3);
    CHECK(found_of<o>(controls) == R"("\u0001\u001F\u007F")");
    CHECK(found_of<o>(std::string("\xC3\xA9")) == "\"\xC3\xA9\"");
    // Invisible characters that act on a terminal or reorder the text around them (C1
    // controls, bidirectional formatting: "Trojan Source") are escaped, and count as one
    // character each against the cut.
    CHECK(found_of<o>(std::string("a\xC2\x9B"
                                  "b\xE2\x80\xAE"
                                  "c\xE2\x81\xA9\xD8\x9C\xE2\x80\x8F")) ==
          R"("a\u009Bb\u202Ec\u2069\u061C\u200F")");
    std::string hidden_run;
    for (int i = 0; i < 70; ++i) {
      hidden_run += "\xE2\x80\xAE";
    }
    std::string cut = "\"";
    for (int i = 0; i < 64; ++i) {
      cut += "\\u202E";
    }
    CHECK(found_of<o>(hidden_run) == cut + "\"... (70 characters)");
    // Neighbours of the escaped ranges are text (U+00A0, U+2027, U+202F, U+206A); the line
    // and paragraph separators are escaped.
    CHECK(found_of<o>(std::string("\xC2\xA0\xE2\x80\xA7\xE2\x80\xAF\xE2\x81\xAA")) ==
          "\"\xC2\xA0\xE2\x80\xA7\xE2\x80\xAF\xE2\x81\xAA\"");
    CHECK(found_of<o>(std::string("a\xE2\x80\xA8\xE2\x80\xA9")) == R"("a\u2028\u2029")");
  }

  TEST_CASE("constraints: a valid document passes every attached constraint") {
    auto r = conform::decode<job>(job_with());
    CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
  }

  TEST_CASE("constraints: the decoder reports each failure at its member") {
    struct row {
      std::string name;
      std::string change; // the member's value in the otherwise valid job
      std::string member;
      error code;
      std::string pointer;
      std::string expected;
      std::string found;
    };
    row const rows[] = {
        {"too long", R"("abcdefghi")", "name", error::length_out_of_range, "/name",
         "1 to 8 characters", "9 characters"},
        {"empty", R"("")", "name", error::length_out_of_range, "/name", "1 to 8 characters",
         "0 characters"},
        {"bad character", R"("a.b")", "name", error::invalid_character, "/name",
         "only letters, digits, '_', '-'", "'.' at character 2"},
        {"below range", R"(0)", "priority", error::out_of_range, "/priority", "a number in [1, 3]",
         "0"},
        {"above range", R"(4)", "priority", error::out_of_range, "/priority", "a number in [1, 3]",
         "4"},
        {"not greater", R"(0)", "ratio", error::out_of_range, "/ratio", "a number greater than 0",
         "0"},
        {"negative", R"(-0.5)", "ratio", error::out_of_range, "/ratio", "a number greater than 0",
         "-0.5"},
        {"not one of", R"("tpu")", "flavor", error::invalid_value, "/flavor",
         R"(one of "cpu", "gpu", "npu")", R"("tpu")"},
        {"not under", R"("/homework")", "dir", error::invalid_value, "/dir", "a path under /home",
         R"("/homework")"},
        {"too many tags", R"(["a", "b", "c"])", "tags", error::length_out_of_range, "/tags",
         "0 to 2 elements", "3 elements"},
        {"empty tag", R"(["a", ""])", "tags", error::length_out_of_range, "/tags/1",
         "at least 1 character", "0 characters"},
        {"short range", R"([[0, 1], [2]])", "ranges", error::length_out_of_range, "/ranges/1",
         "exactly 2 elements", "1 element"},
        {"nested each", R"([[0, 1], [2, 10]])", "ranges", error::out_of_range, "/ranges/1/1",
         "a number in [0, 9]", "10"},
        {"map value", R"({"a/b": "long"})", "labels", error::length_out_of_range, "/labels/a~1b",
         "0 to 3 characters", "4 characters"},
        {"at_least", R"(0)", "count", error::out_of_range, "/count", "a number of at least 1", "0"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      std::string json = job_with(r.member, r.change);
      std::size_t at = json.find("\"" + r.member + "\": ") + r.member.size() + 4;
      CAPTURE(json);
      auto res = conform::decode<job>(json);
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      auto const& d = res.diagnostics[0];
      CHECK(diag_is(res.diagnostics, 0, r.code, severity::error, r.pointer));
      CHECK(d.expected == r.expected);
      CHECK(d.found == r.found);
      CHECK(d.member == "constraints_test::job::" + r.member);
      // Located at the value, or inside it for an element (containers: their bracket).
      CHECK(d.offset >= at);
      CHECK(d.offset < at + r.change.size());
      if (r.pointer == "/" + r.member) {
        CHECK(d.offset == at);
      }
    }
  }

  TEST_CASE("constraints: several failing constraints on one value are all reported") {
    auto r = conform::decode<job>(R"({"name": "a.b.c.d.e.f", "priority": 1, "ratio": 1,
      "tags": [], "ranges": [], "labels": {}, "count": 1})");
    CHECK((conform_test::codes(r.diagnostics) ==
           std::vector<error>{error::length_out_of_range, error::invalid_character}));
    CHECK(r.diagnostics.error_count() == 2);
    // A value breaking an error constraint is rejected: the required member keeps its default.
    CHECK(r.value.name.empty());
  }

  TEST_CASE("constraints: warn<> reports a warning and keeps the document valid") {
    auto r = conform::decode<job>(job_with("timeout", "101"));
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(diag_is(r.diagnostics, 0, error::out_of_range, severity::warning, "/timeout"));
    REQUIRE(r.value.timeout.has_value());
    CHECK(*r.value.timeout == 101);
  }

  TEST_CASE("constraints: an absent optional is not checked; a rejected value is not checked") {
    auto absent = conform::decode<job>(R"({"name": "a", "priority": 1, "ratio": 1, "tags": [],
      "ranges": [], "labels": {}, "count": 1})");
    CHECK_MESSAGE(absent.diagnostics.empty(), conform::to_string(absent.diagnostics));

    auto null = conform::decode<job>(R"({"name": "a", "priority": 1, "ratio": 1, "tags": [],
      "ranges": [], "labels": {}, "count": 1, "flavor": null, "dir": null})");
    CHECK_MESSAGE(null.diagnostics.empty(), conform::to_string(null.diagnostics));

    // A value of the wrong type is a type_mismatch only: its constraints do not run.
    auto wrong = conform::decode<job>(R"({"name": 5, "priority": "x", "ratio": 1, "tags": [1],
      "ranges": [], "labels": {}, "count": 1})");
    CHECK((conform_test::codes(wrong.diagnostics) ==
           std::vector<error>{error::type_mismatch, error::type_mismatch, error::type_mismatch}));
  }

  TEST_CASE("constraints: a value breaking an error constraint is rejected, a warning keeps it") {
    auto r = conform::decode<job>(job_with("flavor", R"("tpu")"));
    CHECK(!r.value.flavor.has_value()); // optional: absent
    auto p = conform::decode<job>(job_with("priority", "4"));
    CHECK(p.value.priority == 0); // required: default
    auto t = conform::decode<job>(job_with("tags", R"(["a", "", "b"])"));
    CHECK(t.value.tags == std::vector<std::string>{"a", "b"}); // element: left out
    auto l = conform::decode<job>(job_with("labels", R"({"a": "v", "b": "long", "c": "w"})"));
    CHECK(l.value.labels == std::map<std::string, std::string>{{"a", "v"}, {"c", "w"}});
    auto w = conform::decode<job>(job_with("timeout", "1000"));
    CHECK(w.ok());
    CHECK(w.value.timeout == 1000); // warning: kept
    auto ok = conform::decode<job>(job_with());
    CHECK(ok.value.flavor == std::string("gpu"));
  }

  TEST_CASE("constraints: a container's constraints see the document's elements") {
    // A rejected element must not make the container look shorter than the document's:
    // [2, 10] has two elements, only 10 breaks its constraint.
    auto nested = conform::decode<job>(job_with("ranges", "[[0, 1], [2, 10]]"));
    CHECK_MESSAGE(
        (conform_test::codes(nested.diagnostics) == std::vector<error>{error::out_of_range}),
        conform::to_string(nested.diagnostics));
    // The same when the element has the wrong type.
    auto typed = conform::decode<job>(job_with("ranges", R"([[0, "x"]])"));
    CHECK_MESSAGE(
        (conform_test::codes(typed.diagnostics) == std::vector<error>{error::type_mismatch}),
        conform::to_string(typed.diagnostics));
    // A known limit of "one defect, one diagnostic": a container that lost elements is not
    // judged as a whole, so size<0, 2> is not reported for ["", "a", "", "b"] (4 elements in
    // the document) once its two empty strings are rejected. Pinned so that a change is
    // deliberate.
    auto too_many = conform::decode<job>(job_with("tags", R"(["", "a", "", "b"])"));
    CHECK_MESSAGE((conform_test::codes(too_many.diagnostics) ==
                   std::vector<error>{error::length_out_of_range, error::length_out_of_range}),
                  conform::to_string(too_many.diagnostics));
  }

  TEST_CASE("constraints: the DOM path reports the same constraint findings") {
    std::string json = R"({"name": "toolong!!", "priority": 9, "ratio": 0, "flavor": "x",
      "dir": "/etc", "tags": ["", "x"], "ranges": [[1], [1, 2]], "labels": {"k": "long"},
      "timeout": -1, "count": 0})";
    auto text = conform::decode<job>(json);
    auto dom = conform::decode<job>(boost::json::parse(json));
    REQUIRE(text.diagnostics.size() == dom.diagnostics.size());
    for (std::size_t i = 0; i < text.diagnostics.size(); ++i) {
      CAPTURE(i);
      CHECK(text.diagnostics[i].code == dom.diagnostics[i].code);
      CHECK(text.diagnostics[i].level == dom.diagnostics[i].level);
      CHECK(text.diagnostics[i].pointer == dom.diagnostics[i].pointer);
      CHECK(text.diagnostics[i].expected == dom.diagnostics[i].expected);
      CHECK(text.diagnostics[i].found == dom.diagnostics[i].found);
      CHECK(dom.diagnostics[i].offset == conform::diagnostic::no_offset);
    }
    CHECK(text.diagnostics.error_count() == 10);
    CHECK(text.diagnostics.warning_count() == 1);
  }

  TEST_CASE("constraints: annotations are skipped by the decoder") {
    CHECK(conform::detail::is_annotation_v<sdk_only>);
    CHECK(!conform::detail::is_annotation_v<conform::non_empty>);
    CHECK(conform::decode<annotated>(R"({"id": "x"})").diagnostics.empty());
    auto empty = conform::decode<annotated>(R"({"id": ""})");
    CHECK(
        (conform_test::codes(empty.diagnostics) == std::vector<error>{error::length_out_of_range}));
  }
}
