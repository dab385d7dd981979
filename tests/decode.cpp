// Tests for <conform/decode.hpp>: every supported member type on the text and the DOM front
// ends (which must agree), integer widths and exact doubles, missing and null members,
// syntax errors with their positions, byte offsets and line:column through escapes and
// non-ASCII text, what the caller keeps from an invalid document, and the API's forms
// (decode_or_throw, decode_into, the noexcept promise). Policies and limits are in
// tests/decode_options.cpp; what only the DOM entry points do, in tests/decode_value.cpp.
#include <conform/decode.hpp>
// The text entry points stay clear of Boost.JSON's DOM, whose headers would add several percent
// to a text-only user's compile time (benchmarks/README.md, compile cost).
#ifdef BOOST_JSON_VALUE_HPP
#error "<conform/decode.hpp> must not include <boost/json/value.hpp>"
#endif
#include <conform/decode_value.hpp>
#include <conform/detail/locate.hpp> // resolve_lines against the byte-by-byte locate

#include "support/test.hpp"

#include <conform/encode.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace decode_test {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

struct point {
  int x = 0;
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

/// One member of every supported type; all required except the optionals.
struct all_types {
  std::string s;
  bool b = false;
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  std::int16_t i16 = 0;
  std::uint8_t u8 = 0;
  unsigned u32 = 0;
  double d = 0;
  float f = 0;
  color c = color::red;
  conform::open_enum<color> oc;
  std::optional<int> opt;
  std::vector<int> vec;
  std::map<std::string, int> map;
  point nested;
  std::vector<std::vector<int>> grid;
  std::vector<point> points;
  std::optional<point> opt_point;
  std::map<std::string, std::vector<std::string>> tags;
};
BOOST_DESCRIBE_STRUCT(all_types, (),
                      (s, b, i32, i64, u64, i16, u8, u32, d, f, c, oc, opt, vec, map, nested, grid,
                       points, opt_point, tags))

/// Every member optional: one member at a time can be decoded and the rest stays absent.
struct widths {
  std::optional<std::int8_t> i8;
  std::optional<std::uint8_t> u8;
  std::optional<std::int16_t> i16;
  std::optional<std::uint16_t> u16;
  std::optional<std::int32_t> i32;
  std::optional<std::uint32_t> u32;
  std::optional<std::int64_t> i64;
  std::optional<std::uint64_t> u64;
  std::optional<double> d;
  std::optional<float> f;
};
BOOST_DESCRIBE_STRUCT(widths, (), (i8, u8, i16, u16, i32, u32, i64, u64, d, f))

struct one_double {
  double d = 0;
};
BOOST_DESCRIBE_STRUCT(one_double, (), (d))

struct loose {
  std::optional<std::string> s;
  std::optional<int> i32;
  std::optional<std::vector<int>> vec;
};
BOOST_DESCRIBE_STRUCT(loose, (), (s, i32, vec))

/// A valid document for all_types.
constexpr char const* full_document = R"({
  "s": "text \"quoted\" \u00e9",
  "b": true,
  "i32": -2147483648,
  "i64": 9223372036854775807,
  "u64": 18446744073709551615,
  "i16": -32768,
  "u8": 255,
  "u32": 4294967295,
  "d": 0.1,
  "f": 1.5,
  "c": "green",
  "oc": "purple",
  "opt": 7,
  "vec": [1, 2, 3],
  "map": {"a": 1, "b/c": 2},
  "nested": {"x": 1, "y": 2},
  "grid": [[1, 2], [], [3]],
  "points": [{"x": 1, "y": 2}, {"y": 4, "x": 3}],
  "opt_point": {"x": 5, "y": 6},
  "tags": {"k": ["v1", "v2"], "empty": []}
})";

/// True when the i-th diagnostic has this code, severity and pointer.
inline bool diag_is(conform::diagnostics const& ds, std::size_t i, conform::error code,
                    conform::severity level, std::string const& pointer) {
  return i < ds.size() && ds[i].code == code && ds[i].level == level && ds[i].pointer == pointer;
}

/// The same findings, ignoring positions (what a DOM cannot know).
inline bool same_findings(conform::diagnostics const& a, conform::diagnostics const& b) {
  if (a.size() != b.size() || a.error_count() != b.error_count() ||
      a.warning_count() != b.warning_count()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].code != b[i].code || a[i].level != b[i].level || a[i].pointer != b[i].pointer ||
        a[i].expected != b[i].expected || a[i].found != b[i].found || a[i].member != b[i].member) {
      return false;
    }
  }
  return true;
}

/// Names the key lookup's word hash cannot tell apart: 30 bytes that differ only in bytes 8
/// to 10, which neither its head, middle nor tail word reads. The compile-time search then
/// hashes every byte (key_hash.hpp's full_hash), the path that this type exercises.
struct lookalike_names {
  std::optional<int> long_name_a_shared_ending_text;
  std::optional<int> long_name_b_shared_ending_text;
  std::optional<int> long_name_c_shared_ending_text;
};
BOOST_DESCRIBE_STRUCT(lookalike_names, (),
                      (long_name_a_shared_ending_text, long_name_b_shared_ending_text,
                       long_name_c_shared_ending_text))

/// A chain of N nested objects, each a different type: deep enough (N > 20) that the decoder
/// outgrows the frames it keeps in place and moves them to the heap (decoder::grow_frames).
template <int N>
struct chain {
  std::optional<chain<N - 1>> next;
  int depth = 0;
  BOOST_DESCRIBE_CLASS(chain, (), (next, depth), (), ())
};
template <>
struct chain<0> {
  int depth = 0;
  BOOST_DESCRIBE_CLASS(chain, (), (depth), (), ())
};

/// The text of a chain `levels` deep whose innermost depth is `innermost`, one level a line.
inline std::string chain_text(int levels, std::string const& innermost) {
  std::string out;
  for (int i = levels; i > 0; --i) {
    out += "{\"depth\": " + std::to_string(i) + ", \"next\":\n";
  }
  out += "{\"depth\": " + innermost + "}";
  out += std::string(static_cast<std::size_t>(levels), '}');
  return out;
}

inline boost::json::value parse_dom(std::string_view text) {
  boost::json::parse_options po;
  po.max_depth = 10000;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec, {}, po);
  REQUIRE_MESSAGE(!ec, std::string(text));
  return v;
}

/// Decodes `text` both ways, checks that the findings agree and that the DOM ones carry no
/// position, and returns the text result.
template <class T>
conform::decode_result<T> decode_both(std::string_view text,
                                      conform::decode_options const& o = {}) {
  auto from_text = conform::decode<T>(text, o);
  auto from_dom = conform::decode<T>(parse_dom(text), o);
  CHECK_MESSAGE(same_findings(from_text.diagnostics, from_dom.diagnostics),
                "text:\n"
                    << conform::to_string(from_text.diagnostics) << "dom:\n"
                    << conform::to_string(from_dom.diagnostics));
  for (auto const& d : from_dom.diagnostics) {
    CHECK(d.offset == conform::diagnostic::no_offset);
    CHECK(d.line == 0);
    CHECK(d.column == 0);
  }
  CHECK(conform::encode(from_text.value) == conform::encode(from_dom.value));
  return from_text;
}

std::uint64_t bits(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

} // namespace decode_test

using namespace decode_test;
using conform::error;
using conform::severity;

TEST_SUITE("decode") {
  TEST_CASE("decode: every supported member type decodes from text and from a DOM") {
    for (bool dom : {false, true}) {
      CAPTURE(dom);
      auto r = dom ? conform::decode<all_types>(parse_dom(full_document))
                   : conform::decode<all_types>(full_document);
      CHECK_MESSAGE(r.ok(), conform::to_string(r.diagnostics));
      // Only the unknown open-enum value is reported, as a warning.
      REQUIRE(r.diagnostics.size() == 1);
      CHECK(diag_is(r.diagnostics, 0, error::unknown_enum_value, severity::warning, "/oc"));
      auto const& v = r.value;
      CHECK(v.s == "text \"quoted\" \xC3\xA9");
      CHECK(v.b == true);
      CHECK(v.i32 == std::numeric_limits<std::int32_t>::min());
      CHECK(v.i64 == std::numeric_limits<std::int64_t>::max());
      CHECK(v.u64 == std::numeric_limits<std::uint64_t>::max());
      CHECK(v.i16 == -32768);
      CHECK(v.u8 == 255);
      CHECK(v.u32 == 4294967295u);
      CHECK(v.d == 0.1);
      CHECK(v.f == 1.5f);
      CHECK(v.c == color::green);
      CHECK(!v.oc.is_known());
      CHECK(v.oc.str() == "purple");
      REQUIRE(v.opt.has_value());
      CHECK(*v.opt == 7);
      CHECK(v.vec == std::vector<int>{1, 2, 3});
      CHECK(v.map == std::map<std::string, int>{{"a", 1}, {"b/c", 2}});
      CHECK(v.nested.x == 1);
      CHECK(v.nested.y == 2);
      CHECK(v.grid == std::vector<std::vector<int>>{{1, 2}, {}, {3}});
      REQUIRE(v.points.size() == 2);
      CHECK(v.points[0].x == 1);
      CHECK(v.points[0].y == 2);
      CHECK(v.points[1].x == 3);
      CHECK(v.points[1].y == 4);
      REQUIRE(v.opt_point.has_value());
      CHECK(v.opt_point->x == 5);
      CHECK(v.opt_point->y == 6);
      CHECK(v.tags ==
            std::map<std::string, std::vector<std::string>>{{"k", {"v1", "v2"}}, {"empty", {}}});
    }
  }

  TEST_CASE("decode: both front ends report the same findings for the same document") {
    struct row {
      std::string name;
      std::string json;
    };
    row const rows[] = {
        {"valid", full_document},
        {"empty object", "{}"},
        {"root is an array", "[1, 2]"},
        {"root is a string", R"("x")"},
        {"root is null", "null"},
        {"wrong kinds everywhere",
         R"({"s": 1, "b": "true", "i32": true, "i64": null, "u64": -1, "i16": 32768, "u8": 1.5,
             "u32": [], "d": "1", "f": {}, "c": 1, "oc": false, "opt": "x", "vec": {}, "map": [],
             "nested": "x", "grid": [1, [true]], "points": [1, {"x": 1}], "opt_point": 5,
             "tags": {"a": "b", "c": [1]}})"},
        {"unknown members", R"({"zz": 1, "a/b~c": {"deep": [1, 2]}, "": null})"},
        {"nulls for required members",
         R"({"s": null, "b": null, "vec": null, "map": null, "nested": null})"},
        {"elements rejected", R"({"vec": [1, "x", 3, null, 5], "map": {"a": 1, "b": "x"}})"},
        {"nested errors", R"({"points": [{"x": 1, "y": 2}, {"x": "1"}, {}], "nested": {"q": 1}})"},
        {"integer overflow", R"({"i32": 2147483648, "u64": -1, "u8": 256, "i16": -32769})"},
        // Numbers whose raw token is their shortest form: the text front end quotes the token,
        // the DOM one the converted value ("2.0" and 2, "-0.0" and -0, "1e3" and 1000).
        {"not integers", R"({"i32": 1.5, "i64": 2.5, "u64": 0.5, "u8": -1.25})"},
        {"enumerations", R"({"c": "purple", "oc": "green"})"},
        {"escaped keys", R"({"\u0073": "x", "m\u0061p": {"k\"": 1, "k~/": "v"}})"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      decode_both<all_types>(r.json);
    }
  }

  TEST_CASE("decode: a wrong JSON kind is a type_mismatch naming what was expected and found") {
    struct row {
      std::string json;
      std::string pointer;
      std::string expected;
      std::string found;
    };
    row const rows[] = {
        {R"({"s": 1})", "/s", "a string", "number 1"},
        {R"({"s": true})", "/s", "a string", "true"},
        {R"({"s": [1]})", "/s", "a string", "an array"},
        {R"({"s": {}})", "/s", "a string", "an object"},
        {R"({"b": "true"})", "/b", "a boolean", "string \"true\""},
        {R"({"b": 0})", "/b", "a boolean", "number 0"},
        {R"({"i32": true})", "/i32", "an integer (int32)", "true"},
        {R"({"i32": "12"})", "/i32", "an integer (int32)", "string \"12\""},
        {R"({"i64": null})", "/i64", "an integer (int64)", "null"},
        {R"({"u64": false})", "/u64", "an integer (uint64)", "false"},
        {R"({"i16": "x"})", "/i16", "an integer (int16)", "string \"x\""},
        {R"({"u8": []})", "/u8", "an integer (uint8)", "an array"},
        {R"({"u32": {}})", "/u32", "an integer (uint32)", "an object"},
        {R"({"d": "1.5"})", "/d", "a number", "string \"1.5\""},
        {R"({"f": null})", "/f", "a number", "null"},
        {R"({"c": 1})", "/c", "a string (enumeration)", "number 1"},
        {R"({"oc": false})", "/oc", "a string (open enumeration)", "false"},
        {R"({"opt": "x"})", "/opt", "an integer (int32)", "string \"x\""},
        {R"({"opt": [1]})", "/opt", "an integer (int32)", "an array"},
        {R"({"vec": {}})", "/vec", "an array", "an object"},
        {R"({"vec": "1,2"})", "/vec", "an array", "string \"1,2\""},
        {R"({"vec": [1, "2"]})", "/vec/1", "an integer (int32)", "string \"2\""},
        {R"({"map": []})", "/map", "an object (map)", "an array"},
        {R"({"map": {"a~b": true}})", "/map/a~0b", "an integer (int32)", "true"},
        {R"({"nested": "x"})", "/nested", "an object", "string \"x\""},
        {R"({"nested": [1]})", "/nested", "an object", "an array"},
        {R"({"nested": {"x": null}})", "/nested/x", "an integer (int32)", "null"},
        {R"({"grid": [1]})", "/grid/0", "an array", "number 1"},
        {R"({"grid": [[], [0, {}]]})", "/grid/1/1", "an integer (int32)", "an object"},
        {R"({"points": [[]]})", "/points/0", "an object", "an array"},
        {R"({"opt_point": 5})", "/opt_point", "an object", "number 5"},
        {R"({"tags": {"a/b": "v"}})", "/tags/a~1b", "an array", "string \"v\""},
        {R"({"tags": {"k": [1]}})", "/tags/k/0", "a string", "number 1"},
    };
    conform::decode_options o;
    o.unknown_members = conform::unknown_member_policy::ignore;
    for (auto const& r : rows) {
      CAPTURE(r.json);
      auto res = decode_both<all_types>(r.json, o);
      // The type_mismatch comes first: missing members are reported at the object's end.
      REQUIRE(!res.diagnostics.empty());
      auto const& d = res.diagnostics[0];
      CHECK_MESSAGE(diag_is(res.diagnostics, 0, error::type_mismatch, severity::error, r.pointer),
                    conform::to_string(res.diagnostics));
      CHECK(d.expected == r.expected);
      CHECK(d.found == r.found);
      CHECK(d.message() ==
            "wrong type: expected " + std::string(r.expected) + ", found " + std::string(r.found));
    }
  }

  TEST_CASE("decode: the root value may be any supported type") {
    auto ints = conform::decode<std::vector<int>>("[1, 2, 3]");
    CHECK(ints.ok());
    CHECK(ints.value == std::vector<int>{1, 2, 3});

    auto one = conform::decode<std::int64_t>(" -5 ");
    CHECK(one.ok());
    CHECK(one.value == -5);

    auto text = conform::decode<std::string>(R"("a\nb")");
    CHECK(text.ok());
    CHECK(text.value == "a\nb");

    auto m = conform::decode<std::map<std::string, point>>(R"({"p": {"x": 1, "y": 2}})");
    CHECK_MESSAGE(m.ok(), conform::to_string(m.diagnostics));
    CHECK(m.value["p"].y == 2);

    auto wrong = decode_both<point>("[1]");
    REQUIRE(wrong.diagnostics.size() == 1);
    CHECK(diag_is(wrong.diagnostics, 0, error::type_mismatch, severity::error, ""));
    CHECK(wrong.diagnostics[0].expected == "an object");
    CHECK(wrong.diagnostics[0].offset == 0);

    auto null_root = decode_both<point>("null");
    REQUIRE(null_root.diagnostics.size() == 1);
    CHECK(null_root.diagnostics[0].found == "null");

    auto opt = conform::decode<std::optional<point>>("null");
    CHECK(opt.ok());
    CHECK(!opt.value.has_value());
  }

  TEST_CASE("decode: integer members accept exactly the values their width holds") {
    struct row {
      std::string member;
      std::string literal;
      std::optional<error> code; // nullopt: accepted
      std::string encoded;       // encode() of the result
    };
    row const rows[] = {
        {"i8", "127", {}, R"({"i8":127})"},
        {"i8", "-128", {}, R"({"i8":-128})"},
        {"i8", "128", error::integer_overflow, "{}"},
        {"i8", "-129", error::integer_overflow, "{}"},
        {"u8", "255", {}, R"({"u8":255})"},
        {"u8", "0", {}, R"({"u8":0})"},
        {"u8", "256", error::integer_overflow, "{}"},
        {"u8", "-1", error::integer_overflow, "{}"},
        {"i16", "32767", {}, R"({"i16":32767})"},
        {"i16", "-32768", {}, R"({"i16":-32768})"},
        {"i16", "32768", error::integer_overflow, "{}"},
        {"u16", "65535", {}, R"({"u16":65535})"},
        {"u16", "65536", error::integer_overflow, "{}"},
        {"i32", "2147483647", {}, R"({"i32":2147483647})"},
        {"i32", "-2147483648", {}, R"({"i32":-2147483648})"},
        {"i32", "2147483648", error::integer_overflow, "{}"},
        {"i32", "-2147483649", error::integer_overflow, "{}"},
        {"i32", "-0", {}, R"({"i32":0})"},
        {"i32", "0", {}, R"({"i32":0})"},
        {"u32", "4294967295", {}, R"({"u32":4294967295})"},
        {"u32", "4294967296", error::integer_overflow, "{}"},
        {"u32", "-1", error::integer_overflow, "{}"},
        {"i64", "9223372036854775807", {}, R"({"i64":9223372036854775807})"},
        {"i64", "-9223372036854775808", {}, R"({"i64":-9223372036854775808})"},
        {"i64", "9223372036854775808", error::integer_overflow, "{}"},
        {"i64", "-9223372036854775809", error::integer_overflow, "{}"},
        {"i64", "18446744073709551615", error::integer_overflow, "{}"},
        {"u64", "18446744073709551615", {}, R"({"u64":18446744073709551615})"},
        {"u64", "9223372036854775808", {}, R"({"u64":9223372036854775808})"},
        {"u64", "18446744073709551616", error::integer_overflow, "{}"},
        {"u64", "-1", error::integer_overflow, "{}"},
        {"u64", "-9223372036854775809", error::integer_overflow, "{}"},
        {"i64", "100000000000000000000000000000", error::integer_overflow, "{}"},
        {"i32", "1.5", error::not_integer, "{}"},
        {"i32", "1e3", error::not_integer, "{}"},
        {"i32", "1E3", error::not_integer, "{}"},
        {"i32", "2.0", error::not_integer, "{}"},
        {"i32", "-0.0", error::not_integer, "{}"},
        {"i32", "1e400", error::not_integer, "{}"},
        {"i64", "1.0e2", error::not_integer, "{}"},
        {"u64", "0.5", error::not_integer, "{}"},
        {"u8", "1e-2", error::not_integer, "{}"},
    };
    for (auto const& r : rows) {
      std::string json = std::string(R"({")") + r.member + R"(": )" + r.literal + "}";
      CAPTURE(json);
      auto res = conform::decode<widths>(json);
      CHECK(conform::encode(res.value) == r.encoded);
      if (!r.code) {
        CHECK_MESSAGE(res.diagnostics.empty(), conform::to_string(res.diagnostics));
        continue;
      }
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      auto const& d = res.diagnostics[0];
      CHECK(d.code == *r.code);
      CHECK(d.level == severity::error);
      CHECK(d.pointer == "/" + std::string(r.member));
      CHECK(d.found == r.literal);
      CHECK(d.offset == json.find(r.literal, 3));
    }
  }

  TEST_CASE("decode: integer diagnostics name the width and its bounds") {
    auto over = conform::decode<widths>(R"({"i32": 2147483648})");
    REQUIRE(over.diagnostics.size() == 1);
    CHECK(over.diagnostics[0].expected == "an integer that fits int32 [-2147483648, 2147483647]");
    CHECK(over.diagnostics[0].found == "2147483648");
    CHECK(over.diagnostics[0].member == "decode_test::widths::i32");

    auto u64 = conform::decode<widths>(R"({"u64": 18446744073709551616})");
    REQUIRE(u64.diagnostics.size() == 1);
    CHECK(u64.diagnostics[0].code == error::integer_overflow);
    CHECK(u64.diagnostics[0].expected == "an integer that fits uint64 [0, 18446744073709551615]");
    CHECK(u64.diagnostics[0].found == "18446744073709551616");

    auto frac = conform::decode<widths>(R"({"i64": 1.5})");
    REQUIRE(frac.diagnostics.size() == 1);
    CHECK(frac.diagnostics[0].expected == "an integer (int64)");
    CHECK(frac.diagnostics[0].message() ==
          "not an integer: expected an integer (int64), found 1.5");

    // A hostile 400-digit integer is quoted truncated, with its length.
    std::string huge(400, '9');
    auto long_token = conform::decode<widths>(R"({"i64": )" + huge + "}");
    REQUIRE(long_token.diagnostics.size() == 1);
    CHECK(long_token.diagnostics[0].code == error::integer_overflow);
    CHECK(long_token.diagnostics[0].found == std::string(40, '9') + "... (400 digits)");
  }

  TEST_CASE("decode: double members take integers, reject non-finite values, keep underflow") {
    struct row {
      std::string literal;
      std::optional<double> value; // nullopt: out_of_range
      std::string found;           // of the out_of_range diagnostic
    };
    row const rows[] = {
        {"0", 0.0, ""},
        {"-5", -5.0, ""},
        {"9223372036854775807", 9223372036854775807.0, ""},
        {"18446744073709551615", 18446744073709551615.0, ""},
        {"18446744073709551616", 18446744073709551616.0, ""},
        {"1e3", 1000.0, ""},
        {"1E+2", 100.0, ""},
        {"-0.0", -0.0, ""},
        {"1e-400", 0.0, ""},
        {"-1e-400", -0.0, ""},
        {"4.9e-324", 4.9e-324, ""},
        {"2.2250738585072011e-308", 2.2250738585072011e-308, ""},
        {"2.2250738585072012e-308", 2.2250738585072012e-308, ""},
        {"1.7976931348623157e308", 1.7976931348623157e308, ""},
        {"1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002, ""},
        {"1e400", std::nullopt, "1e400"},
        {"-1e400", std::nullopt, "-1e400"},
        {"1.7976931348623159e308", std::nullopt, "1.7976931348623159e308"},
        {"1E+2147483647", std::nullopt, "1E+2147483647"},
    };
    for (auto const& r : rows) {
      std::string json = std::string(R"({"d": )") + r.literal + "}";
      CAPTURE(json);
      auto res = conform::decode<widths>(json);
      if (r.value) {
        CHECK_MESSAGE(res.diagnostics.empty(), conform::to_string(res.diagnostics));
        CHECK(res.value.d.has_value());
        CHECK(bits(res.value.d.value_or(-1.0)) == bits(*r.value));
        continue;
      }
      CHECK(!res.value.d.has_value());
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      auto const& d = res.diagnostics[0];
      CHECK(d.code == error::out_of_range);
      CHECK(d.pointer == "/d");
      CHECK(d.expected == "a finite number");
      CHECK(d.found == r.found);
      CHECK(d.offset == 6);
    }

    // A 400-digit integer is +infinity for Boost.JSON: rejected, quoted truncated.
    auto huge = conform::decode<widths>(R"({"d": 1)" + std::string(399, '0') + "}");
    REQUIRE(huge.diagnostics.size() == 1);
    CHECK(huge.diagnostics[0].code == error::out_of_range);
    CHECK(huge.diagnostics[0].found == "1" + std::string(39, '0') + "... (400 digits)");

    // The DOM path sees Boost.JSON's infinity.
    auto dom = conform::decode<widths>(parse_dom(R"({"d": -1e400})"));
    REQUIRE(dom.diagnostics.size() == 1);
    CHECK(dom.diagnostics[0].code == error::out_of_range);
    CHECK(dom.diagnostics[0].found == "-infinity");
  }

  TEST_CASE("decode: float members reject values a float cannot hold") {
    struct row {
      std::string literal;
      std::optional<float> value;
    };
    row const rows[] = {
        {"0.1", 0.1f},
        {"3.4028234663852886e38", std::numeric_limits<float>::max()},
        {"16777217", 16777216.0f},
        {"1e39", std::nullopt},
        {"-1e39", std::nullopt},
        {"1e400", std::nullopt},
    };
    for (auto const& r : rows) {
      std::string json = std::string(R"({"f": )") + r.literal + "}";
      CAPTURE(json);
      auto res = conform::decode<widths>(json);
      if (r.value) {
        CHECK_MESSAGE(res.diagnostics.empty(), conform::to_string(res.diagnostics));
        CHECK(res.value.f.has_value());
        CHECK(res.value.f.value_or(-1.0f) == *r.value);
      } else {
        CHECK(!res.value.f.has_value());
        CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
        if (res.diagnostics.size() != 1) {
          continue;
        }
        CHECK(res.diagnostics[0].code == error::out_of_range);
        CHECK(res.diagnostics[0].found == r.literal);
      }
    }
  }

  TEST_CASE("decode: 17-digit doubles decode bit-exact (std::from_chars), unlike Boost 1.81") {
    std::mt19937_64 random(20240611);
    std::size_t tested = 0;
    std::size_t mismatches = 0;
    std::string first_mismatch;
    while (tested < 4000) {
      // Half random bit patterns (every magnitude), half uniform in [0, 1e6).
      double x;
      if (tested % 2 == 0) {
        std::uint64_t u = random();
        std::memcpy(&x, &u, sizeof x);
        if (!std::isfinite(x)) {
          continue;
        }
      } else {
        x = std::uniform_real_distribution<double>(0, 1e6)(random);
      }
      ++tested;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", x);
      double expected = 0;
      auto fc = std::from_chars(buf, buf + std::strlen(buf), expected);
      REQUIRE(fc.ec == std::errc());
      REQUIRE(bits(expected) == bits(x));
      auto res = conform::decode<one_double>(std::string(R"({"d":)") + buf + "}");
      if (!res.ok() || bits(res.value.d) != bits(expected)) {
        if (mismatches++ == 0) {
          first_mismatch = buf;
        }
      }
    }
    CHECK_MESSAGE(mismatches == 0, "first mismatch: " << first_mismatch);
  }

  TEST_CASE("decode: an exponent too large for any double is out of range, not a syntax error") {
    // Boost.JSON's parser stops at 1E+2147483648 ("exponent overflow"); the number is valid
    // JSON, only too large, so it is judged like 1e400. Tiny exponents underflow to zero.
    struct row {
      char const* json;
      error code;
      double value;
    };
    row const rows[] = {
        {R"({"d": 1E+2147483648})", error::out_of_range, 0},
        {R"({"d": -1e400})", error::out_of_range, 0},
        {R"({"d": 0.000001e+99999999999999999999})", error::out_of_range, 0},
        {R"({"d": 1e-2147483649})", error{}, 0.0},
        {R"({"d": 123e-10000000})", error{}, 0.0},
        {R"({"d": 0e99999999})", error{}, 0.0},
        {R"({"d": 100000000000000000000000e-400})", error{}, 0.0},
        {R"({"d": 17976931348623157e292})", error{}, 1.7976931348623157e308},
    };
    for (auto const& r : rows) {
      CAPTURE(r.json);
      auto res = conform::decode<one_double>(r.json);
      if (r.code == error{}) {
        CHECK_MESSAGE(res.ok(), conform::to_string(res.diagnostics));
        CHECK(res.value.d == r.value);
      } else {
        REQUIRE(res.diagnostics.size() == 1);
        CHECK(res.diagnostics[0].code == r.code);
        CHECK(res.diagnostics[0].offset == 6);
        CHECK(res.diagnostics[0].expected == "a finite number");
      }
    }
    // Where an integer belongs, it is a real: not_integer, with the token as found.
    auto i = conform::decode<loose>(R"({"i32": 1E+2147483648})");
    REQUIRE(i.diagnostics.size() == 1);
    CHECK(i.diagnostics[0].code == error::not_integer);
    CHECK(i.diagnostics[0].found == "1E+2147483648");
  }

  TEST_CASE("decode: a missing required member points where it belongs, at its object's '{'") {
    std::string json = "{\n  \"nested\": {\"x\": 1},\n  \"points\": [{\"x\": 1, \"y\": 2}, {\"y\": "
                       "2}]\n}";
    auto r = decode_both<all_types>(json);
    // Document order: nested object first, then the array element, then the root's members.
    std::vector<std::string> pointers;
    for (auto const& d : r.diagnostics) {
      CHECK(d.code == error::missing_member);
      CHECK(d.level == severity::error);
      CHECK(d.found == "no such member");
      pointers.push_back(d.pointer);
    }
    std::vector<std::string> const expected = {
        "/nested/y", "/points/1/x", "/s", "/b", "/i32", "/i64", "/u64", "/i16",  "/u8",
        "/u32",      "/d",          "/f", "/c", "/oc",  "/vec", "/map", "/grid", "/tags"};
    CHECK_MESSAGE(pointers == expected, conform::to_string(r.diagnostics));
    REQUIRE(r.diagnostics.size() == expected.size());

    auto const& nested_y = r.diagnostics[0];
    CHECK(nested_y.expected == "member \"y\"");
    CHECK(nested_y.member == "decode_test::point::y");
    CHECK(nested_y.offset == json.find("{\"x\": 1}"));
    CHECK(nested_y.line == 2);
    CHECK(nested_y.column == 13);

    auto const& element_x = r.diagnostics[1];
    CHECK(element_x.offset == json.find("{\"y\": 2}"));
    CHECK(element_x.line == 3);
    CHECK(element_x.column == 32);

    auto const& root_s = r.diagnostics[2];
    CHECK(root_s.offset == 0);
    CHECK(root_s.line == 1);
    CHECK(root_s.column == 1);
    CHECK(root_s.member == "decode_test::all_types::s");
    CHECK(root_s.message() == "missing member: expected member \"s\", found no such member");
  }

  TEST_CASE("decode: null for a required member is a type_mismatch, not a missing member") {
    auto r = decode_both<point>(R"({"x": null, "y": 1})");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(diag_is(r.diagnostics, 0, error::type_mismatch, severity::error, "/x"));
    CHECK(r.diagnostics[0].found == "null");
    CHECK(r.diagnostics[0].offset == 6);
    CHECK(r.value.y == 1);
  }

  TEST_CASE("decode: an unknown member is a warning by default, at its key") {
    std::string json = R"({"x": 1, "y": 2, "colour": "red"})";
    auto r = decode_both<point>(json);
    CHECK(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    auto const& d = r.diagnostics[0];
    CHECK(diag_is(r.diagnostics, 0, error::unknown_member, severity::warning, "/colour"));
    CHECK(d.expected == "one of the members of decode_test::point");
    CHECK(d.found == "member \"colour\"");
    CHECK(d.offset == json.find("\"colour\""));
    CHECK(d.member == "decode_test::point");
  }

  TEST_CASE("decode: unknown keys are escaped in pointers (~0, ~1, empty key)") {
    struct row {
      std::string json;
      std::string pointer;
    };
    row const rows[] = {
        {R"({"a/b": 1})", "/a~1b"},
        {R"({"m~n": 1})", "/m~0n"},
        {R"({"~1": 1})", "/~01"},
        {R"({"": 1})", "/"},
        {R"({"a\/b": 1})", "/a~1b"},
        {R"({"\u007e": 1})", "/~0"},
        {R"({"nested": {"x": 1, "y": 2, "p/q": []}})", "/nested/p~1q"},
        {R"({"points": [{"x": 1, "y": 2, "~": {}}]})", "/points/0/~0"},
    };
    conform::decode_options o;
    o.unknown_members = conform::unknown_member_policy::error;
    for (auto const& r : rows) {
      CAPTURE(r.json);
      auto res = decode_both<loose>(r.json, o);
      if (std::string(r.json).find("nested") != std::string::npos ||
          std::string(r.json).find("points") != std::string::npos) {
        // loose has no such members: the outer key is the unknown one.
        continue;
      }
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      CHECK(diag_is(res.diagnostics, 0, error::unknown_member, severity::error, r.pointer));
    }
    auto nested = decode_both<all_types>(R"({"nested": {"x": 1, "y": 2, "p/q": []}})", o);
    CHECK(diag_is(nested.diagnostics, 0, error::unknown_member, severity::error, "/nested/p~1q"));
    auto element = decode_both<all_types>(R"({"points": [{"x": 1, "y": 2, "~": {}}]})", o);
    CHECK(diag_is(element.diagnostics, 0, error::unknown_member, severity::error, "/points/0/~0"));
    auto map_key = decode_both<all_types>(R"({"map": {"a/b~": "x"}})", o);
    CHECK(diag_is(map_key.diagnostics, 0, error::type_mismatch, severity::error, "/map/a~1b~0"));
  }

  TEST_CASE("decode: diagnostics come in document order, object checks at the object's end") {
    std::string json = R"({"points": [{"x": "a"}, {"x": 1, "y": 2, "z": 3}], "s": 5, "zz": 0})";
    auto r = decode_both<all_types>(json);
    std::vector<std::string> got;
    for (auto const& d : r.diagnostics) {
      got.push_back(std::string(conform::to_string(d.code)) + " " + d.pointer);
    }
    std::vector<std::string> const head = {
        "type_mismatch /points/0/x", "missing_member /points/0/y", "unknown_member /points/1/z",
        "type_mismatch /s",          "unknown_member /zz",         "missing_member /b"};
    REQUIRE(got.size() >= head.size());
    CHECK_MESSAGE(std::vector<std::string>(got.begin(), got.begin() + 6) == head,
                  conform::to_string(r.diagnostics));
    // The same document in another key order yields the same list, up to where the
    // per-value findings land.
    std::string reordered =
        R"({"zz": 0, "s": 5, "points": [{"x": "a"}, {"z": 3, "y": 2, "x": 1}]})";
    auto again = conform::decode<all_types>(reordered);
    CHECK(again.diagnostics.error_count() == r.diagnostics.error_count());
    CHECK(again.diagnostics.warning_count() == r.diagnostics.warning_count());
  }

  TEST_CASE("decode: truncated text is a syntax_error at the end, with line and column") {
    struct row {
      std::string name;
      std::string json;
      std::size_t line;
      std::size_t column;
      std::string pointer;
    };
    row const rows[] = {
        {"empty", "", 1, 1, ""},
        {"whitespace", " \n\t ", 2, 3, ""},
        {"open object", "{", 1, 2, ""},
        {"after key", R"({"s")", 1, 5, ""},
        {"after colon", R"({"s":)", 1, 6, ""},
        {"inside string", R"({"s": "abc)", 1, 11, ""},
        {"after member", R"({"s": "abc")", 1, 12, ""},
        {"inside array", "{\n  \"vec\": [1,\n", 3, 1, "/vec"},
        {"inside nested", "{\n  \"nested\": {\"x\": 1,\r\n   ", 3, 4, "/nested"},
        {"inside element", R"({"points": [{"x": 1)", 1, 20, "/points/0"},
        {"inside number", R"({"i32": -)", 1, 10, ""},
        {"inside literal", R"({"b": tr)", 1, 9, ""},
        {"inside escape", R"({"s": "\u00)", 1, 12, ""},
        {"after non-ASCII", "{\"s\": \"\xC3\xA9\xE2\x82\xAC\"", 1, 11, ""},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      auto res = conform::decode<all_types>(r.json);
      REQUIRE(!res.diagnostics.empty());
      auto const& d = res.diagnostics.back();
      CHECK_MESSAGE(diag_is(res.diagnostics, res.diagnostics.size() - 1, error::syntax_error,
                            severity::error, r.pointer),
                    conform::to_string(res.diagnostics));
      CHECK(d.expected == "more JSON text");
      CHECK(d.found == "the end of the input");
      CHECK(d.offset == r.json.size());
      CHECK(d.line == r.line);
      CHECK(d.column == r.column);
      // Nothing else was reported: a syntax error ends decoding (no missing members).
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
    }
  }

  TEST_CASE("decode: a syntax error keeps everything decoded before it") {
    auto r = conform::decode<all_types>(
        R"({"s": "kept", "vec": [1, 2, "x", 3], "nested": {"x": 7, "y": 8}, "map": {"a": 1, "b": })");
    CHECK(!r.ok());
    CHECK(r.value.s == "kept");
    CHECK(r.value.vec == std::vector<int>{1, 2, 3});
    CHECK(r.value.nested.x == 7);
    CHECK(r.value.map == std::map<std::string, int>{{"a", 1}});
    CHECK_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(diag_is(r.diagnostics, 0, error::type_mismatch, severity::error, "/vec/2"));
    CHECK(diag_is(r.diagnostics, 1, error::syntax_error, severity::error, "/map"));
  }

  TEST_CASE("decode: text that is not RFC 8259 JSON is a syntax_error with a specific message") {
    struct row {
      std::string name;
      std::string json;
      std::size_t offset;
      std::string expected;
      std::string found; // "" : not pinned
    };
    row const rows[] = {
        {"extra data", "{} x", 3, "the end of the input after the document", "'x'"},
        {"two documents", "{}{}", 2, "the end of the input after the document", "'{'"},
        {"trailing NUL", std::string("{}\0", 3), 2, "the end of the input after the document",
         "byte 0x00"},
        {"trailing comment", "{} // c", 3, "the end of the input after the document", "'/'"},
        {"UTF-8 BOM", "\xEF\xBB\xBF{}", 0,
         "JSON text without a byte order mark (RFC 8259 section 8.1)", "a UTF-8 byte order mark"},
        {"UTF-16LE", std::string("{\0}\0", 4), 1, "UTF-8 text", "UTF-16 text"},
        {"UTF-16BE", std::string("\0{\0}", 4), 0, "UTF-8 text", "UTF-16 text"},
        {"UTF-16LE BOM", "\xFF\xFE{\0}\0", 0, "UTF-8 text", "UTF-16 text"},
        {"UTF-16BE BOM", "\xFE\xFF\0{\0}", 0, "UTF-8 text", "UTF-16 text"},
        {"invalid UTF-8 in a value", "{\"s\": \"a\xFF\"}", 8, "valid UTF-8 in a string",
         "byte 0xFF"},
        {"invalid UTF-8 in a key", "{\"a\xC0\xAF\": 1}", 3, "valid UTF-8 in a string", "byte 0xC0"},
        {"UTF-8 surrogate", "{\"s\": \"\xED\xA0\x80\"}", 7, "valid UTF-8 in a string", "byte 0xED"},
        {"truncated UTF-8", "{\"s\": \"\xE2\x82\"}", 7, "valid UTF-8 in a string", "byte 0xE2"},
        {"lone low surrogate escape", R"({"s": "\udc00"})", 7,
         "a code point or a high surrogate escape first (\\uD800 to \\uDBFF)",
         "a lone low surrogate \\udc00"},
        {"high surrogate alone", R"({"s": "\ud800x"})", 13,
         "a low surrogate escape (\\uDC00 to \\uDFFF) after a high surrogate", "'x'"},
        {"high surrogate, then no low one", R"({"s": "\ud800\u0041"})", 13,
         "a low surrogate escape (\\uDC00 to \\uDFFF) after a high surrogate", "\\u0041"},
        {"high surrogate, then the closing quote", R"({"s": "\ud800"})", 13,
         "a low surrogate escape (\\uDC00 to \\uDFFF) after a high surrogate", "'\"'"},
        {"high surrogate at the end of the input", R"({"s": "\ud800)", 13, "more JSON text",
         "the end of the input"},
        {"short \\u escape", R"({"s": "\u12x4"})", 11, "4 hex digits after \\u", "'x'"},
        {"unknown escape", R"({"s": "\a"})", 8,
         "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits", "'a'"},
        {"raw control character", "{\"s\": \"a\x01\"}", 8,
         "a control character (U+0000 to U+001F) escaped, as in \\n or \\u001f", "byte 0x01"},
        {"trailing comma in an array", R"({"vec": [1,]})", 11, "a value", "']'"},
        {"trailing comma in an object", R"({"s": "a",})", 10,
         "a member name (a string in double quotes)", "'}'"},
        {"missing comma", R"({"vec": [1 2]})", 11, "',' or ']' after an array element", "'2'"},
        {"missing colon", R"({"s" "a"})", 5, "':' after a member name", "'\"'"},
        {"missing member separator", R"({"s": "a" "b": 1})", 10,
         "',' or '}' after an object member", "'\"'"},
        {"single quotes", "{'s': 1}", 1, "a member name (a string in double quotes)", "'''"},
        // The separators of common layouts (":", " : ", ", ") are matched in one go; what
        // follows them is still checked, and so are the last bytes of the input.
        {"double colon", R"({"s" :: "a"})", 6, "a value", "':'"},
        {"colon then comma", R"({"s" : , "i32": 1})", 7, "a value", "','"},
        {"double comma", R"({"vec": [1 , , 2]})", 13, "a value", "','"},
        {"comma then brace", R"({"s": "a" , })", 12, "a member name (a string in double quotes)",
         "'}'"},
        {"two spaces before a colon", R"({"s"  "a"})", 6, "':' after a member name", "'\"'"},
        {"colon at the end", R"({"s" :)", 6, "more JSON text", "the end of the input"},
        {"colon and space at the end", R"({"s" : )", 7, "more JSON text", "the end of the input"},
        {"comma at the end", R"({"s": "a", )", 11, "more JSON text", "the end of the input"},
        {"comma and newline at the end", "{\"vec\": [1,\n  ", 14, "more JSON text",
         "the end of the input"},
        {"NaN", R"({"i32": NaN})", 8, "a value", "'N'"},
        {"misspelt literal", R"({"s": ture})", 7, "a value (the literal true)", "'u'"},
        {"leading zero", R"({"i32": 01})", 9, "no leading zeros in a number", "'1'"},
        {"minus alone", R"({"i32": -})", 9, "a digit after '-'", "'}'"},
        {"fraction without digits", R"({"i32": 1.})", 10, "a digit", "'}'"},
        {"exponent without digits", R"({"i32": 1e+})", 11, "a digit", "'}'"},
        {"plus sign", R"({"i32": +1})", 8, "a value", "'+'"},
        {"unterminated string", R"({"s": "abc)", 10, "more JSON text", "the end of the input"},
        {"unterminated literal", R"({"s": tr)", 8, "more JSON text", "the end of the input"},
        {"empty input", "", 0, "more JSON text", "the end of the input"},
        {"only whitespace", " \n\t ", 4, "more JSON text", "the end of the input"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.name);
      auto res = conform::decode<loose>(r.json);
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      auto const& d = res.diagnostics[0];
      CHECK(d.code == error::syntax_error);
      CHECK(d.level == severity::error);
      CHECK(d.offset == r.offset);
      CHECK(d.expected == r.expected);
      if (!r.found.empty()) {
        CHECK(d.found == r.found);
      }
      // Quoted input never carries raw bytes.
      for (char c : d.found) {
        CHECK(static_cast<unsigned char>(c) >= 0x20);
        CHECK(static_cast<unsigned char>(c) < 0x80);
      }
    }
  }

  TEST_CASE("decode: whitespace runs of every kind and length, at every alignment") {
    // The scanner tests 16 bytes at a time for spaces, line feeds and tabs, and steps over a
    // carriage return, and the input's last 15 bytes, one at a time: runs of every length
    // around 16, of each kind, between every pair of tokens and at the end of the input.
    std::string const patterns[] = {" ", "\n", "\t", "\r\n", "\n  ", "\r\n\t\t", " \t\r\n"};
    for (auto const& pattern : patterns) {
      for (std::size_t length = 0; length <= 40; ++length) {
        std::string run;
        while (run.size() < length) {
          run += pattern;
        }
        run.resize(length);
        std::string json = run + "{" + run + "\"s\"" + run + ":" + run + "\"v\"" + run + "," + run +
                           "\"vec\"" + run + ":" + run + "[" + run + "1" + run + "," + run + "22" +
                           run + "]" + run + "}" + run;
        CAPTURE(pattern);
        CAPTURE(length);
        auto r = conform::decode<loose>(json);
        CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
        CHECK(r.value.s == std::optional<std::string>("v"));
        CHECK(r.value.vec == std::optional<std::vector<int>>(std::vector<int>{1, 22}));
      }
    }
    // A control character that is no JSON whitespace (form feed, vertical tab), anywhere in a
    // long run, ends the run there: the syntax error points at it, not past the block.
    for (char bad : {'\f', '\v'}) {
      for (std::size_t at = 0; at < 40; ++at) {
        std::string run(40, ' ');
        for (std::size_t i = 0; i < run.size(); i += 7) {
          run[i] = '\n';
        }
        run[at] = bad;
        CAPTURE(at);
        auto after_brace = conform::decode<loose>("{" + run + "\"s\": \"v\"}");
        REQUIRE(after_brace.diagnostics.size() == 1);
        CHECK(after_brace.diagnostics[0].code == error::syntax_error);
        CHECK(after_brace.diagnostics[0].offset == 1 + at);
        CHECK(after_brace.diagnostics[0].expected == "a member name (a string in double quotes)");
        auto after_value = conform::decode<loose>("{\"s\": \"v\"" + run + "}");
        REQUIRE(after_value.diagnostics.size() == 1);
        CHECK(after_value.diagnostics[0].offset == 9 + at);
        CHECK(after_value.diagnostics[0].expected == "',' or '}' after an object member");
        // The value decoded before the error is kept.
        CHECK(after_value.value.s == std::optional<std::string>("v"));
      }
    }
  }

  TEST_CASE("decode: offsets and line:column stay right across layout, escapes and non-ASCII") {
    struct row {
      std::string name;
      std::string json;
      std::size_t line;
      std::size_t column;
    };
    // Each document holds exactly one error: "bad" for the int member i32.
    row const rows[] = {
        {"one line", R"({"s": "x", "i32": "bad"})", 1, 19},
        {"pretty-printed", "{\n  \"s\": \"x\",\n  \"i32\": \"bad\"\n}", 3, 10},
        {"CRLF", "{\r\n  \"s\": \"x\",\r\n  \"i32\": \"bad\"\r\n}", 3, 10},
        {"tabs", "{\n\t\"s\":\t\"x\",\n\t\"i32\":\t\"bad\"\n}", 3, 9},
        {"blank lines", "\n\n{\n\n\"i32\"\n:\n\"bad\"}", 7, 1},
        {"non-ASCII before", "{\"s\": \"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\", \"i32\": \"bad\"}",
         1, 21},
        {"non-ASCII earlier line",
         "{\"s\": \"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\",\n\"i32\": \"bad\"}", 2, 8},
        {"escapes in a value", R"({"s": "a\"b\\c\/\u00e9\ud83d\ude00\n", "i32": "bad"})", 1, 47},
        {"escaped key", R"({"\u0073": "x", "i32": "bad"})", 1, 24},
        {"escaped member key", R"({"s": "x", "i\u0033\u0032": "bad"})", 1, 29},
        {"escaped quote in a value", R"({"s": "\"", "i32": "bad"})", 1, 20},
        {"backslash before quote", R"({"s": "\\", "i32": "bad"})", 1, 20},
        {"numbers and literals before",
         R"({"zz": [1.5e+10, -0, 0.25, true, false, null, 18446744073709551616], "i32": "bad"})", 1,
         77},
        {"nested unknown with escaped keys",
         R"({"zz": {"k\"": [{"\\": "\u0022"}], "q": {}}, "i32": "bad"})", 1, 53},
        {"unknown key with an escaped quote", R"({"a\"b": 1, "i32": "bad"})", 1, 20},
        {"after an element", R"({"vec": [1, 2], "i32": "bad"})", 1, 24},
        // Long enough for the 16-byte scans: ASCII blocks, mixed blocks and a tail.
        {"long line of mixed text",
         [] {
           std::string s = "{\"s\": \"";
           for (int i = 0; i < 20; ++i) {
             s += "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x"; // 4 code points, 10 bytes
           }
           return s + std::string(37, 'y') + "\", \"i32\": \"bad\"}";
         }(),
         1, 7 + 80 + 37 + 10 + 1},
    };
    conform::decode_options o;
    o.unknown_members = conform::unknown_member_policy::ignore;
    for (auto const& r : rows) {
      CAPTURE(r.name);
      auto res = conform::decode<loose>(r.json, o);
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      auto const& d = res.diagnostics[0];
      CHECK(diag_is(res.diagnostics, 0, error::type_mismatch, severity::error, "/i32"));
      CHECK(d.offset == r.json.rfind("\"bad\""));
      CHECK(d.line == r.line);
      CHECK(d.column == r.column);
    }
  }

  TEST_CASE("decode: line:column of many findings equal a byte-by-byte count") {
    // resolve_lines counts line breaks and code points 16 bytes at a time, over the whole
    // text once; detail::locate counts byte by byte from the start for each offset. Texts
    // of every length up to three blocks and beyond, with line breaks (LF, CR LF, a lone CR,
    // which is no break) and multi-byte characters at every position, offsets in document
    // order and shuffled, repeated, at the end and past it. The same for
    // resolve_lines_in_passes, what resolve_lines does when it has no memory to sort.
    std::mt19937 rng(20261207);
    char const* const pieces[] = {"\n",
                                  "\r\n",
                                  "\r",
                                  "ab",
                                  "x",
                                  "\xC3\xA9",
                                  "\xE2\x82\xAC",
                                  "\xF0\x9F\x98\x80",
                                  "    ",
                                  "\n\n",
                                  "0123456789abcdef"};
    int mismatches = 0;
    for (int round = 0; round < 400; ++round) {
      std::string text;
      std::size_t const want = rng() % (round < 200 ? 60 : 700);
      while (text.size() < want) {
        text += pieces[rng() % std::size(pieces)];
      }
      std::vector<conform::diagnostic> items(1 + rng() % 12);
      for (auto& d : items) {
        d.offset = text.empty() ? 0 : rng() % (text.size() + 3); // past the end: clamped
      }
      if (round % 3 != 0) {
        std::sort(items.begin(), items.end(),
                  [](auto const& a, auto const& b) { return a.offset < b.offset; });
      }
      items.emplace_back(); // no offset (from a DOM): left alone
      // The fallback without memory to sort (passes over the list) must agree too.
      auto in_passes = items;
      conform::detail::resolve_lines(items, text);
      conform::detail::resolve_lines_in_passes(in_passes, text);
      for (std::size_t i = 0; i + 1 < items.size(); ++i) {
        auto const expected = conform::detail::locate(text, items[i].offset);
        if (items[i].line != expected.line || items[i].column != expected.column ||
            in_passes[i].line != expected.line || in_passes[i].column != expected.column) {
          ++mismatches;
          CAPTURE(text);
          CAPTURE(items[i].offset);
          CHECK(items[i].line == expected.line);
          CHECK(items[i].column == expected.column);
          CHECK(in_passes[i].line == expected.line);
          CHECK(in_passes[i].column == expected.column);
        }
      }
      CHECK(items.back().line == 0);
      CHECK(items.back().column == 0);
      CHECK(in_passes.back().line == 0);
    }
    CHECK(mismatches == 0);

    // End to end: a pretty-printed document with an error on each of 300 lines, past many
    // 16-byte blocks, non-ASCII text in between.
    std::string json = "{\r\n  \"vec\": [\n";
    for (int i = 0; i < 300; ++i) {
      json += i % 7 == 0 ? "    \"\xC3\xA9t\xC3\xA9\",\n" : "    \"x\",\n";
    }
    json += "    1\n  ]\n}";
    conform::decode_options o;
    o.max_diagnostics = 1000;
    auto r = conform::decode<loose>(json, o);
    REQUIRE(r.diagnostics.size() == 300);
    for (auto const& d : r.diagnostics) {
      auto const expected = conform::detail::locate(json, d.offset);
      CHECK(d.line == expected.line);
      CHECK(d.column == expected.column);
    }
    CHECK(r.diagnostics.back().line == 302);
    CHECK(r.diagnostics.back().column == 5);
  }

  TEST_CASE("decode: pointers are escaped and whole at every length") {
    // The decoder writes a pointer into a buffer on the stack when it fits and measures it
    // first when it does not: keys of random lengths, with '~' and '/' to escape, put the
    // buffer's end at every kind of segment (a key, an index, a member name).
    std::mt19937 rng(6901);
    auto random_key = [&](std::size_t n) {
      std::string k;
      for (std::size_t i = 0; i < n; ++i) {
        unsigned r = rng() % 8;
        k += r == 0 ? '~' : r == 1 ? '/' : static_cast<char>('a' + r);
      }
      return k;
    };
    int wrong = 0;
    for (int round = 0; round < 300; ++round) {
      std::string const outer = random_key(rng() % 140);
      std::string const inner = random_key(rng() % 140);
      std::size_t const bad = rng() % 12;
      std::string json = "{" + conform::encode(outer) + ": {" + conform::encode(inner) + ": [";
      for (std::size_t i = 0; i <= bad; ++i) {
        json += i == bad ? "\"no\"" : "1,";
      }
      json += "]}}";
      auto r =
          conform::decode<std::map<std::string, std::map<std::string, std::vector<int>>>>(json);
      std::string expected;
      conform::append_pointer_key(expected, outer);
      conform::append_pointer_key(expected, inner);
      conform::append_pointer_index(expected, bad);
      REQUIRE(r.diagnostics.size() == 1);
      if (r.diagnostics[0].pointer != expected) {
        ++wrong;
        CHECK(r.diagnostics[0].pointer == expected);
      }
    }
    CHECK(wrong == 0);
  }

  TEST_CASE("decode: long escaped strings and keys keep offsets right") {
    // Escapes make the decoded string shorter than its token: positions stay on the token.
    std::string escaped;
    for (int i = 0; i < 3000; ++i) {
      escaped += "\\u0041";
    }
    std::string json = R"({"s": ")" + escaped + R"(", ")" + escaped + R"(": 1, "i32": "bad"})";
    conform::decode_options o;
    o.unknown_members = conform::unknown_member_policy::error;
    auto r = conform::decode<loose>(json, o);
    REQUIRE_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(r.value.s == std::string(3000, 'A'));
    CHECK(r.diagnostics[0].code == error::unknown_member);
    CHECK(r.diagnostics[0].pointer == "/" + std::string(3000, 'A'));
    CHECK(r.diagnostics[0].offset == 7 + escaped.size() + 3);
    CHECK(r.diagnostics[1].code == error::type_mismatch);
    CHECK(r.diagnostics[1].offset == json.rfind("\"bad\""));
    CHECK(r.diagnostics[1].column == json.rfind("\"bad\"") + 1);

    // A long unescaped string is a view into the input; the cursor jumps over it.
    std::string plain(100000, 'x');
    std::string json2 = R"({"s": ")" + plain + R"(", "i32": "bad"})";
    auto r2 = conform::decode<loose>(json2);
    REQUIRE(r2.diagnostics.size() == 1);
    CHECK(r2.diagnostics[0].offset == json2.rfind("\"bad\""));
  }

  TEST_CASE("decode: member order does not change the result") {
    // Declaration order, reverse order and an interleaving: the lookup tries the members
    // after and before the previous one first, then hashes; all must find the same members.
    boost::json::object forward = parse_dom(full_document).as_object();
    std::vector<boost::json::key_value_pair const*> members;
    for (auto const& kv : forward) {
      members.push_back(&kv);
    }
    auto reorder = [&](std::vector<std::size_t> const& order) {
      boost::json::object o;
      for (std::size_t i : order) {
        o.emplace(members[i]->key(), members[i]->value());
      }
      return boost::json::serialize(o);
    };
    std::vector<std::size_t> ascending(members.size());
    for (std::size_t i = 0; i < ascending.size(); ++i) {
      ascending[i] = i;
    }
    std::vector<std::size_t> descending(ascending.rbegin(), ascending.rend());
    std::vector<std::size_t> interleaved; // 0, n-1, 1, n-2, ...
    for (std::size_t lo = 0, hi = members.size(); lo < hi;) {
      interleaved.push_back(lo++);
      if (lo < hi) {
        interleaved.push_back(--hi);
      }
    }
    auto expected = conform::decode<all_types>(reorder(ascending));
    REQUIRE(expected.diagnostics.size() == 1); // the unknown open-enum value
    for (auto const* order : {&descending, &interleaved}) {
      auto r = conform::decode<all_types>(reorder(*order));
      CHECK_MESSAGE(r.diagnostics.size() == 1, conform::to_string(r.diagnostics));
      CHECK(conform::encode(r.value) == conform::encode(expected.value));
    }
  }

  TEST_CASE("decode: nesting past the frames kept in place (60 levels of structs)") {
    // 61 objects: the frames move to the heap twice (20, 40, then max_depth + 2). Every
    // level must still be filled, and a finding at the bottom must carry the whole pointer
    // and its line.
    auto valid = decode_both<chain<60>>(chain_text(60, "0"));
    CHECK_MESSAGE(valid.diagnostics.empty(), conform::to_string(valid.diagnostics));
    CHECK(valid.value.depth == 60);
    CHECK(valid.value.next->next->next->depth == 57);
    // All 61 levels, the innermost included (encode writes members in declaration order).
    std::string const encoded = conform::encode(valid.value);
    std::size_t levels = 0;
    for (auto at = encoded.find("\"depth\""); at != std::string::npos;
         at = encoded.find("\"depth\"", at + 1)) {
      ++levels;
    }
    CHECK(levels == 61);
    CHECK(encoded.find("{\"next\":{\"depth\":0},\"depth\":1}") != std::string::npos);

    auto bad = decode_both<chain<60>>(chain_text(60, "\"deep\""));
    REQUIRE_MESSAGE(bad.diagnostics.size() == 1, conform::to_string(bad.diagnostics));
    std::string pointer;
    for (int i = 0; i < 60; ++i) {
      pointer += "/next";
    }
    CHECK(bad.diagnostics[0].code == error::type_mismatch);
    CHECK(bad.diagnostics[0].pointer == pointer + "/depth");
    CHECK(bad.diagnostics[0].line == 61);
    CHECK(bad.diagnostics[0].member == "decode_test::chain<0>::depth");

    // decode_into over a value that held the valid chain: the same as a fresh decode.
    chain<60> into = valid.value;
    auto ds = conform::decode_into(into, chain_text(60, "\"deep\""));
    CHECK(ds == bad.diagnostics);
    CHECK(conform::encode(into) == conform::encode(bad.value));
  }

  TEST_CASE("decode: member names that differ only where the word hash does not read") {
    static_assert(conform::detail::struct_ops<lookalike_names>::desc.full_hash);
    // Out of declaration order, so that the lookup hashes rather than guesses; a fourth
    // lookalike is unknown.
    std::string const json = R"({"long_name_c_shared_ending_text": 3,)"
                             R"( "long_name_a_shared_ending_text": 1,)"
                             R"( "long_name_d_shared_ending_text": 4,)"
                             R"( "long_name_b_shared_ending_text": 2})";
    auto r = decode_both<lookalike_names>(json);
    CHECK(r.value.long_name_a_shared_ending_text == 1);
    CHECK(r.value.long_name_b_shared_ending_text == 2);
    CHECK(r.value.long_name_c_shared_ending_text == 3);
    REQUIRE_MESSAGE(r.diagnostics.size() == 1, conform::to_string(r.diagnostics));
    CHECK(r.diagnostics[0].code == error::unknown_member);
    CHECK(r.diagnostics[0].pointer == "/long_name_d_shared_ending_text");
    // A repeat is a repeat of the right member (text only: a DOM keeps one of the two).
    auto repeated = conform::decode<lookalike_names>(
        R"({"long_name_b_shared_ending_text": 2, "long_name_a_shared_ending_text": 1,)"
        R"( "long_name_b_shared_ending_text": 5})");
    REQUIRE_MESSAGE(repeated.diagnostics.size() == 1, conform::to_string(repeated.diagnostics));
    CHECK(repeated.diagnostics[0].code == error::duplicate_key);
    CHECK(repeated.diagnostics[0].pointer == "/long_name_b_shared_ending_text");
    CHECK(repeated.value.long_name_b_shared_ending_text == 2);
  }

  TEST_CASE(
      "decode: a key read through the declaration-order shortcut equals the key read in full") {
    // The text front end compares a key with the names of members declared near the previous
    // one without scanning it; a key whose first character is escaped never matches that way
    // and takes the general path. Both must find the same members and report the same
    // findings (their offsets differ: the escaped text is longer).
    auto escape_keys = [](auto const& self, boost::json::value const& v) -> std::string {
      if (!v.is_object()) {
        return boost::json::serialize(v);
      }
      std::string out = "{";
      for (auto const& kv : v.as_object()) {
        if (out.size() > 1) {
          out += ',';
        }
        std::string const key(kv.key());
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\u%04X", static_cast<unsigned char>(key[0]));
        std::string const rest = boost::json::serialize(boost::json::value(key.substr(1)));
        out += '"';
        out += hex;
        out += rest.substr(1); // the rest of the key and its closing quote
        out += ':';
        out += self(self, kv.value());
      }
      return out + "}";
    };
    boost::json::value const dom = parse_dom(full_document);
    std::string const plain = boost::json::serialize(dom);
    std::string const escaped = escape_keys(escape_keys, dom);
    REQUIRE(plain != escaped);
    auto const a = conform::decode<all_types>(plain);
    auto const b = conform::decode<all_types>(escaped);
    CHECK(same_findings(a.diagnostics, b.diagnostics));
    REQUIRE(a.diagnostics.size() == 1); // the unknown open-enum value
    CHECK(conform::encode(a.value) == conform::encode(b.value));
    CHECK(conform::encode(a.value) == conform::encode(conform::decode<all_types>(dom).value));

    // Members left out, repeated, unknown, in any order: the shortcut tries the member after
    // the previous one, the one before it, then the second and third after it. Every
    // sequence of up to four keys of `loose` (and an unknown one) must decode as it does
    // with every key escaped.
    char const* const keys[] = {"s", "i32", "vec", "zz"};
    char const* const values[] = {R"("t")", "7", "[1, 2]", "null"};
    std::size_t checked = 0;
    for (std::size_t length = 1; length <= 4; ++length) {
      std::size_t combinations = 1;
      for (std::size_t k = 0; k < length; ++k) {
        combinations *= 4;
      }
      for (std::size_t c = 0; c < combinations; ++c) {
        std::string plain_doc = "{";
        std::string escaped_doc = "{";
        for (std::size_t k = 0, rest = c; k < length; ++k, rest /= 4) {
          std::size_t const m = rest % 4;
          std::string const sep = k == 0 ? "" : ", ";
          plain_doc += sep + "\"" + keys[m] + "\": " + values[m];
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\u%04X", static_cast<unsigned char>(keys[m][0]));
          escaped_doc += sep + "\"" + hex + (keys[m] + 1) + "\": " + values[m];
        }
        plain_doc += "}";
        escaped_doc += "}";
        CAPTURE(plain_doc);
        auto const x = conform::decode<loose>(plain_doc);
        auto const y = conform::decode<loose>(escaped_doc);
        CHECK(same_findings(x.diagnostics, y.diagnostics));
        CHECK(conform::encode(x.value) == conform::encode(y.value));
        ++checked;
      }
    }
    CHECK(checked == 340);

    // A repeated key, an unknown one and keys that only start like a member's name: each
    // looks like the shortcut's case and is not.
    auto const r = conform::decode<point>(R"({"x": 1, "y": 2, "x": 3, "yy": 4, "x\"": 5, "y)");
    REQUIRE(r.diagnostics.size() == 4);
    CHECK(diag_is(r.diagnostics, 0, error::duplicate_key, severity::error, "/x"));
    CHECK(r.diagnostics[0].offset == 17);
    CHECK(diag_is(r.diagnostics, 1, error::unknown_member, severity::warning, "/yy"));
    CHECK(diag_is(r.diagnostics, 2, error::unknown_member, severity::warning, "/x\""));
    CHECK(diag_is(r.diagnostics, 3, error::syntax_error, severity::error, ""));
    CHECK(r.value.x == 1); // the first value of a repeated key is kept by default
    CHECK(r.value.y == 2);
  }

  TEST_CASE("decode: values in arrays are located by index and offset") {
    std::string json = "{\"vec\": [\n  1,\n  \"two\",\n  3,\n  [4]\n]}";
    auto r = decode_both<loose>(json);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(diag_is(r.diagnostics, 0, error::type_mismatch, severity::error, "/vec/1"));
    CHECK(r.diagnostics[0].offset == json.find("\"two\""));
    CHECK(r.diagnostics[0].line == 3);
    CHECK(r.diagnostics[0].column == 3);
    CHECK(diag_is(r.diagnostics, 1, error::type_mismatch, severity::error, "/vec/3"));
    CHECK(r.diagnostics[1].found == "an array");
    CHECK(r.diagnostics[1].offset == json.find("[4]"));
    CHECK(r.diagnostics[1].line == 5);
    REQUIRE(r.value.vec.has_value());
    CHECK(*r.value.vec == std::vector<int>{1, 3});
  }

  TEST_CASE("decode: an invalid element or member does not lose its siblings") {
    std::string json = R"({
      "s": 5,
      "vec": [1, "x", 3, null, 5],
      "map": {"a": 1, "b": "x", "c": 3, "d": [1]},
      "grid": [[1, 2], [3, "x"], "row", [5]],
      "points": [{"x": 1, "y": 2}, 5, {"x": "bad", "y": 4}, {"x": 5}, [6]],
      "opt": "x",
      "opt_point": 5,
      "nested": {"x": 1.5, "y": 2},
      "tags": {"a": ["v", 1, "w"], "b": "v", "c": []},
      "c": "purple",
      "i32": 7
    })";
    auto r = decode_both<all_types>(json);
    CHECK(!r.ok());
    auto const& v = r.value;
    CHECK(v.s.empty());
    CHECK(v.vec == std::vector<int>{1, 3, 5});
    CHECK(v.map == std::map<std::string, int>{{"a", 1}, {"c", 3}});
    CHECK(v.grid == std::vector<std::vector<int>>{{1, 2}, {3}, {5}});
    REQUIRE(v.points.size() == 3);
    CHECK(v.points[0].x == 1);
    CHECK(v.points[1].x == 0); // rejected member keeps its default
    CHECK(v.points[1].y == 4);
    CHECK(v.points[2].x == 5); // kept although "y" is missing
    CHECK(!v.opt.has_value());
    CHECK(!v.opt_point.has_value());
    CHECK(v.nested.x == 0);
    CHECK(v.nested.y == 2);
    CHECK(v.tags == std::map<std::string, std::vector<std::string>>{{"a", {"v", "w"}}, {"c", {}}});
    CHECK(v.c == color::red);
    CHECK(v.i32 == 7);
  }

  TEST_CASE("decode: a rejected optional stays absent, a rejected required keeps its default") {
    struct row {
      std::string json;
    };
    for (std::string json :
         {R"({"s": 1, "i32": "x", "vec": [1, "x"]})", R"({"s": [], "i32": {}, "vec": "x"})"}) {
      CAPTURE(json);
      auto r = decode_both<loose>(json);
      CHECK(!r.value.s.has_value());
      CHECK(!r.value.i32.has_value());
      CHECK(r.diagnostics.error_count() == 3);
    }
    auto partial = conform::decode<loose>(R"({"vec": [1, "x"]})");
    REQUIRE(partial.value.vec.has_value());
    CHECK(*partial.value.vec == std::vector<int>{1});
  }

  TEST_CASE("decode: decode_or_throw throws decode_error with every diagnostic") {
    std::string json = R"({"x": "a", "y": true})";
    auto expected = conform::decode<point>(json).diagnostics;
    REQUIRE(expected.size() == 2);
    bool thrown = false;
    try {
      (void)conform::decode_or_throw<point>(json);
    } catch (conform::decode_error const& e) {
      thrown = true;
      CHECK(e.diagnostics() == expected);
      CHECK(std::string(e.what()) == "invalid document: " + conform::to_string(expected.front()));
    }
    CHECK(thrown);
    // decode_or_throw has no C-string overload: a literal is ambiguous (string_view or value).
    CHECK_THROWS_AS((void)conform::decode_or_throw<point>(std::string_view("{")),
                    std::runtime_error);
  }

  TEST_CASE("decode: decode_or_throw returns the value when there are only warnings") {
    point p;
    CHECK_NOTHROW(
        p = conform::decode_or_throw<point>(std::string_view(R"({"x": 1, "y": 2, "z": 3})")));
    CHECK(p.x == 1);
    CHECK(p.y == 2);
  }

  TEST_CASE("decode: decode_into resets the object and can be reused") {
    all_types v;
    v.s = "old";
    v.vec = {9, 9};
    v.opt = 4;
    v.map["stale"] = 1;
    auto ds = conform::decode_into(v, full_document);
    CHECK_MESSAGE(ds.error_count() == 0, conform::to_string(ds));
    CHECK(v.vec == std::vector<int>{1, 2, 3});
    CHECK(v.map.count("stale") == 0);

    // The second document lacks most members: they are back to their defaults.
    ds = conform::decode_into(v, R"({"s": "new"})");
    CHECK(ds.has_errors());
    CHECK(v.s == "new");
    CHECK(v.vec.empty());
    CHECK(!v.opt.has_value());
    CHECK(v.map.empty());
    CHECK(v.i64 == 0);

    // Reused in a loop, each result matches a fresh decode.
    for (std::string json : {R"({"x": 1, "y": 2})", R"({"x": "a"})", R"({"y": 5})", "["}) {
      CAPTURE(json);
      point p{100, 100};
      auto into = conform::decode_into(p, json);
      auto fresh = conform::decode<point>(json);
      CHECK(into == fresh.diagnostics);
      CHECK(p.x == fresh.value.x);
      CHECK(p.y == fresh.value.y);
    }
  }

  TEST_CASE("decode: decode_into over any previous document equals a fresh decode (text and DOM)") {
    // Every ordered pair (previous, next): decode_into recycles what `previous` left in the
    // object, and must still end exactly as decode<all_types>(next), value and diagnostics.
    std::string const long_text(80, 'L');
    std::string const truncated = std::string(full_document).substr(0, 260);
    std::vector<std::string> const documents = {
        full_document,
        R"({"s": ")" + long_text +
            R"(", "vec": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "points": [)"
            R"({"x": 1, "y": 2}, {"x": 3, "y": 4}, {"x": 5, "y": 6}, {"x": 7, "y": 8}],)"
            R"( "grid": [[1, 2, 3], [4], [5, 6], [7]], "tags": {"a": [")" +
            long_text + R"("], "b": ["x", "y"]}, "opt_point": {"x": 9, "y": 9}, "map": {"z": 26}})",
        R"({"s": "new"})",
        R"({"s": 5, "vec": [1, "x", 3], "points": [{"x": "a", "y": 1}, 7, {"x": 2, "y": 3}],)"
        R"( "opt": "no", "opt_point": [], "nested": {"x": 1}, "grid": [[1], "row", [2]]})",
        R"({"opt": null, "opt_point": null, "s": null, "vec": null, "tags": {"k": null}})",
        R"({"s": "a", "s": ")" + long_text + R"(", "vec": [1], "vec": [2, 3]})",
        R"({"u8": 256, "i16": 40000, "points": [{"x": 1, "y": 2}], "grid": [[1], [2, 1e400]]})",
        R"({"c": "mauve", "oc": "mauve", "map": {"a": "one", "b": 2}, "points": []})",
        // Repeated keys whose first value is rejected and whose last is not (and the reverse):
        // under warning_last_wins the last value is the member's, recycled or not.
        R"({"u8": 256, "u8": 7, "s": 5, "s": "ok", "opt": "no", "opt": 3, "vec": [1, "x"],)"
        R"( "vec": [4], "nested": {"x": "a"}, "nested": {"x": 1, "y": 2}, "i16": 1, "i16": 1e9})",
        truncated,
        "[1, 2]",
        "{}",
        "",
    };
    // Over text or DOM inputs alike.
    auto check_every_pair = [](auto const& inputs) {
      for (int mode = 0; mode < 4; ++mode) {
        bool const fail_fast = (mode & 1) != 0;
        conform::decode_options options;
        options.fail_fast = fail_fast;
        options.duplicate_keys = (mode & 2) != 0 ? conform::duplicate_key_policy::warning_last_wins
                                                 : conform::duplicate_key_policy::error;
        for (std::size_t a = 0; a < inputs.size(); ++a) {
          for (std::size_t b = 0; b < inputs.size(); ++b) {
            CAPTURE(mode);
            CAPTURE(fail_fast);
            CAPTURE(a);
            CAPTURE(b);
            all_types v;
            conform::decode_into(v, inputs[a], options);
            auto into = conform::decode_into(v, inputs[b], options);
            auto fresh = conform::decode<all_types>(inputs[b], options);
            CHECK(into == fresh.diagnostics);
            CHECK(conform::encode(v) == conform::encode(fresh.value));
          }
        }
      }
    };
    check_every_pair(documents);
    // The DOM form over the same documents, those that Boost.JSON parses.
    std::vector<boost::json::value> values;
    for (auto const& text : documents) {
      boost::system::error_code ec;
      auto v = boost::json::parse(text, ec);
      if (!ec) {
        values.push_back(std::move(v));
      }
    }
    REQUIRE(values.size() >= 10);
    check_every_pair(values);
  }

  TEST_CASE("decode: decode_into keeps the previous document's storage") {
    // Capacities tell reuse apart from a new allocation (an address could be malloc handing
    // back the block just freed): a decode into a fresh object would size them for the
    // second document.
    std::string const long_text(100, 'a');
    all_types v;
    conform::decode_into(v,
                         R"({"s": ")" + long_text +
                             R"(", "vec": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13],)"
                             R"( "points": [{"x": 1, "y": 2}, {"x": 3, "y": 4}, {"x": 5, "y": 6},)"
                             R"( {"x": 7, "y": 8}, {"x": 9, "y": 10}]})");
    std::size_t const s_capacity = v.s.capacity();
    std::size_t const vec_capacity = v.vec.capacity();
    std::size_t const points_capacity = v.points.capacity();
    REQUIRE(s_capacity >= 100);
    REQUIRE(vec_capacity >= 13);
    REQUIRE(points_capacity >= 5);

    auto ds =
        conform::decode_into(v, R"({"s": "a shorter string, still not a short one", "vec": [7, 8],)"
                                R"( "points": [{"x": 11, "y": 12}]})");
    CHECK(v.s == "a shorter string, still not a short one");
    CHECK(v.s.capacity() == s_capacity);
    CHECK(v.vec == std::vector<int>{7, 8});
    CHECK(v.vec.capacity() == vec_capacity);
    REQUIRE(v.points.size() == 1);
    CHECK(v.points[0].x == 11);
    CHECK(v.points[0].y == 12);
    CHECK(v.points.capacity() == points_capacity);
    CHECK(ds == conform::decode<all_types>(R"({"s": "a shorter string, still not a short one",)"
                                           R"( "vec": [7, 8], "points": [{"x": 11, "y": 12}]})")
                    .diagnostics);

    // An optional string keeps its buffer too; an absent one is reset.
    loose l;
    conform::decode_into(l, R"({"s": ")" + long_text + R"(", "i32": 1})");
    std::size_t const opt_capacity = l.s->capacity();
    conform::decode_into(l, R"({"s": "twenty-four characters"})");
    REQUIRE(l.s.has_value());
    CHECK(*l.s == "twenty-four characters");
    CHECK(l.s->capacity() == opt_capacity);
    CHECK(!l.i32.has_value());
  }

  TEST_CASE("decode: the overloads for string_view, std::string and C strings agree") {
    std::string json = R"({"x": 1, "y": "2"})";
    auto a = conform::decode<point>(std::string_view(json));
    auto b = conform::decode<point>(json);
    auto c = conform::decode<point>(json.c_str());
    CHECK(a.diagnostics == b.diagnostics);
    CHECK(a.diagnostics == c.diagnostics);
    CHECK(a.value.x == 1);
    CHECK(!a.ok());
    CHECK(!static_cast<bool>(a));
    auto good = conform::decode<point>(R"({"x": 1, "y": 2})");
    CHECK(static_cast<bool>(good));
  }

  TEST_CASE("decode: decode never throws (noexcept on every overload)") {
    static_assert(noexcept(conform::decode<all_types>(std::string_view())));
    static_assert(noexcept(conform::decode<all_types>(std::string())));
    static_assert(noexcept(conform::decode<all_types>("")));
    static_assert(noexcept(conform::decode<all_types>(boost::json::value())));
    static_assert(
        noexcept(conform::decode<all_types>(std::string_view(), conform::decode_options{})));
    static_assert(noexcept(conform::decode_into(std::declval<all_types&>(), std::string_view())));
    static_assert(noexcept(conform::decode_into(std::declval<all_types&>(), "")));
    static_assert(noexcept(conform::decode_into(std::declval<all_types&>(), std::string())));
    static_assert(noexcept(conform::decode_into(std::declval<all_types&>(), boost::json::value())));
    static_assert(!noexcept(conform::decode_or_throw<all_types>(std::string_view())));
    CHECK(true);
  }

  TEST_CASE("decode: hostile documents end in diagnostics, never in a crash") {
    std::vector<std::string> docs = {
        std::string(100000, '['),
        std::string(100000, '{'),
        R"({"vec": )" + std::string(5000, '[') + std::string(5000, ']') + "}",
        R"({"zz": )" + std::string(20000, '[') + "}",
        "[" + std::string(1000, '"'),
        std::string("\0\0\0\0", 4),
        "\xFF\xFF\xFF",
        R"({"s": "\ud800"})",
        R"({"s": "\ud800\u0041"})",
        "-",
        "1e",
        "[1e99999999999999999999]",
        "{\"a\":" + std::string(100000, '1') + "}",
    };
    for (auto const& doc : docs) {
      CAPTURE(doc.substr(0, 40));
      auto r = conform::decode<all_types>(doc);
      CHECK(!r.ok());
      CHECK(r.diagnostics.size() <= 101);
      for (auto const& d : r.diagnostics) {
        CHECK(d.offset <= doc.size());
      }
    }
  }
}
