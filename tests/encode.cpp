// Tests for <conform/encode.hpp>: decode(encode(x)) == x over every supported type, string
// escaping, shortest exact doubles (bit-exact round trip), non-finite doubles written as null,
// absent optionals omitted, the indent option, and that the output is always valid JSON.
#include <conform/encode.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace encode_test {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

enum class lang { zh_cn, en_us };
BOOST_DESCRIBE_ENUM(lang, zh_cn, en_us)
constexpr std::string_view conform_enum_spelling(lang l) noexcept {
  return l == lang::zh_cn ? "zh-cn" : "en-us";
}

struct point {
  int x = 0;
  int y = 0;
  friend bool operator==(point const& a, point const& b) { return a.x == b.x && a.y == b.y; }
};
BOOST_DESCRIBE_STRUCT(point, (), (x, y))

struct all_types {
  std::string s;
  bool b = false;
  std::int8_t i8 = 0;
  std::uint16_t u16 = 0;
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  double d = 0;
  float f = 0;
  color c = color::red;
  lang l = lang::en_us;
  conform::open_enum<color> oc;
  std::optional<int> opt;
  std::optional<std::string> absent;
  std::vector<int> vec;
  std::vector<std::optional<int>> sparse;
  std::map<std::string, int> map;
  point nested;
  std::vector<std::vector<int>> grid;
  std::vector<point> points;
  std::optional<point> opt_point;
  std::map<std::string, std::vector<std::string>> tags;

  auto tie() const {
    return std::tie(s, b, i8, u16, i32, i64, u64, d, f, c, l, oc, opt, absent, vec, sparse, map,
                    nested, grid, points, opt_point, tags);
  }
  friend bool operator==(all_types const& a, all_types const& b) { return a.tie() == b.tie(); }
};
BOOST_DESCRIBE_STRUCT(all_types, (),
                      (s, b, i8, u16, i32, i64, u64, d, f, c, l, oc, opt, absent, vec, sparse, map,
                       nested, grid, points, opt_point, tags))

struct doubles {
  double d = 0;
  std::optional<double> od;
  std::vector<double> v;
  float f = 0;
};
BOOST_DESCRIBE_STRUCT(doubles, (), (d, od, v, f))

struct text {
  std::string s;
};
BOOST_DESCRIBE_STRUCT(text, (), (s))

struct empties {
  std::vector<int> v;
  std::map<std::string, int> m;
  std::optional<point> p;
};
BOOST_DESCRIBE_STRUCT(empties, (), (v, m, p))

inline all_types sample() {
  all_types v;
  v.s = "line\nbreak \"quoted\" \\ \xC3\xA9 \xF0\x9F\x98\x80";
  v.b = true;
  v.i8 = -128;
  v.u16 = 65535;
  v.i32 = std::numeric_limits<std::int32_t>::min();
  v.i64 = std::numeric_limits<std::int64_t>::min();
  v.u64 = std::numeric_limits<std::uint64_t>::max();
  v.d = 0.1;
  v.f = 1.1f;
  v.c = color::blue;
  v.l = lang::zh_cn;
  v.oc = conform::open_enum<color>::from_string("purple");
  v.opt = 0;
  v.vec = {1, -2, 3};
  v.sparse = {1, std::nullopt, 3};
  v.map = {{"a/b", 1}, {"~", 2}, {"", 3}};
  v.nested = {4, 5};
  v.grid = {{1}, {}, {2, 3}};
  v.points = {{1, 2}, {3, 4}};
  v.opt_point = point{6, 7};
  v.tags = {{"k", {"v", ""}}, {"empty", {}}};
  return v;
}

std::uint64_t bits(double d) {
  std::uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  return u;
}

inline bool is_json(std::string const& s) {
  boost::system::error_code ec;
  (void)boost::json::parse(s, ec);
  return !ec;
}

} // namespace encode_test

using namespace encode_test;

TEST_SUITE("encode") {
  TEST_CASE("encode: decode(encode(x)) == x for every supported type") {
    auto v = sample();
    std::string json = conform::encode(v);
    CAPTURE(json);
    CHECK(is_json(json));
    auto back = conform::decode<all_types>(json);
    // Only the unknown open-enum value is reported (a warning).
    CHECK(back.ok());
    CHECK((conform_test::codes(back.diagnostics) ==
           std::vector<conform::error>{conform::error::unknown_enum_value}));
    CHECK(back.value == v);
    // And the text is stable: encoding the decoded value gives the same text.
    CHECK(conform::encode(back.value) == json);
  }

  TEST_CASE("encode: the exact text of a value") {
    auto v = sample();
    std::string const expected =
        R"({"s":"line\nbreak \"quoted\" \\ )"
        "\xC3\xA9 \xF0\x9F\x98\x80"
        R"(","b":true,"i8":-128,"u16":65535,"i32":-2147483648,"i64":-9223372036854775808,)"
        R"("u64":18446744073709551615,"d":0.1,"f":1.100000023841858,"c":"blue","l":"zh-cn",)"
        R"("oc":"purple","opt":0,"vec":[1,-2,3],"sparse":[1,null,3],"map":{"":3,"a/b":1,"~":2},)"
        R"("nested":{"x":4,"y":5},"grid":[[1],[],[2,3]],"points":[{"x":1,"y":2},{"x":3,"y":4}],)"
        R"("opt_point":{"x":6,"y":7},"tags":{"empty":[],"k":["v",""]}})";
    CHECK(conform::encode(v) == expected);
  }

  TEST_CASE("encode: strings are escaped as JSON requires") {
    struct row {
      std::string value;
      std::string encoded;
    };
    row const rows[] = {
        {"", R"("")"},
        {"plain", R"("plain")"},
        {"\"", R"("\"")"},
        {"\\", R"("\\")"},
        {"/", R"("/")"},
        {"\b\f\n\r\t", R"("\b\f\n\r\t")"},
        {std::string("\0", 1), R"("\u0000")"},
        {"\x01\x1F", R"("\u0001\u001F")"},
        {"\x7F", R"("\u007F")"}, // DEL: JSON allows it raw, a terminal does not show it
        {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\""},
        {"a\"b\\c\nd", R"("a\"b\\c\nd")"},
        // Invisible characters that act on terminals or reorder text (C1 controls,
        // bidirectional formatting) as escapes: the same string, shown as it is.
        {"\xC2\x80\xC2\x9F\xC2\xA0", "\"\\u0080\\u009F\xC2\xA0\""},
        {"x\xE2\x80\xAEy\xE2\x81\xA6\xD8\x9C\xE2\x80\x8E", R"("x\u202Ey\u2066\u061C\u200E")"},
        // Line and paragraph separators, which Python's splitlines() and editors break at.
        {"a\xE2\x80\xA8"
         "b\xE2\x80\xA9",
         R"("a\u2028b\u2029")"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.value);
      text t{r.value};
      std::string json = conform::encode(t);
      CHECK(json == R"({"s":)" + r.encoded + "}");
      CHECK(is_json(json));
      auto back = conform::decode<text>(json);
      CHECK(back.ok());
      CHECK(back.value.s == r.value);
    }
    // Every control character survives the round trip.
    std::string controls;
    for (int c = 0; c < 0x20; ++c) {
      controls.push_back(static_cast<char>(c));
    }
    auto back = conform::decode<text>(conform::encode(text{controls}));
    CHECK(back.value.s == controls);
  }

  TEST_CASE("encode: map keys are escaped like strings") {
    std::map<std::string, int> m = {{"a\"b", 1}, {"\n", 2}, {std::string("\0", 1), 3}};
    std::string json = conform::encode(m);
    CHECK(json == R"({"\u0000":3,"\n":2,"a\"b":1})");
    auto back = conform::decode<std::map<std::string, int>>(json);
    CHECK(back.value == m);
  }

  TEST_CASE("encode: the output is valid JSON even for strings that are not UTF-8") {
    // A value built in C++ can hold any bytes; the text must still parse (RFC 8259 8.1).
    for (std::string bad : {std::string("\xFF"), std::string("a\xC3"), std::string("\xC0\xAF"),
                            std::string("\xED\xA0\x80")}) {
      CAPTURE(bad);
      std::string json = conform::encode(text{bad});
      CHECK(is_json(json));
    }
  }

  TEST_CASE("encode: doubles use the shortest text that reads back exactly") {
    struct row {
      double value;
      std::string encoded;
    };
    row const rows[] = {
        {0.0, "0"},
        {-0.0, "-0.0"},
        {1.0, "1"},
        {0.1, "0.1"},
        {-2.5, "-2.5"},
        {1e21, "1e+21"},
        {1e300, "1e+300"},
        {1.5e-300, "1.5e-300"},
        {5e-324, "5e-324"},
        {std::numeric_limits<double>::max(), "1.7976931348623157e+308"},
        {0.30000000000000004, "0.30000000000000004"},
        {123456789.125, "123456789.125"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.encoded);
      doubles v;
      v.d = r.value;
      std::string json = conform::encode(v);
      CHECK(json == R"({"d":)" + r.encoded + R"(,"v":[],"f":0})");
      auto back = conform::decode<doubles>(json);
      CHECK(back.ok());
      if (r.value != 0.0) {
        CHECK(bits(back.value.d) == bits(r.value));
      }
    }
  }

  TEST_CASE("encode: random doubles round-trip bit-exact through encode and decode") {
    std::mt19937_64 random(424242);
    std::size_t mismatches = 0;
    std::string first;
    for (int i = 0; i < 3000;) {
      std::uint64_t u = random();
      double x;
      std::memcpy(&x, &u, sizeof x);
      if (!std::isfinite(x) || x == 0.0) {
        continue;
      }
      ++i;
      doubles v;
      v.d = x;
      v.v = {x, -x};
      std::string json = conform::encode(v);
      auto back = conform::decode<doubles>(json);
      if (!back.ok() || bits(back.value.d) != bits(x) || back.value.v.size() != 2 ||
          bits(back.value.v[1]) != bits(-x)) {
        if (mismatches++ == 0) {
          first = json;
        }
      }
    }
    CHECK_MESSAGE(mismatches == 0, "first mismatch: " << first);
  }

  TEST_CASE("encode: non-finite numbers are written as null, never Infinity or NaN") {
    doubles v;
    v.d = std::numeric_limits<double>::infinity();
    v.od = -std::numeric_limits<double>::infinity();
    v.v = {std::numeric_limits<double>::quiet_NaN(), 1.0, -std::numeric_limits<double>::infinity()};
    v.f = std::numeric_limits<float>::infinity();
    std::string json = conform::encode(v);
    CHECK(json == R"({"d":null,"od":null,"v":[null,1,null],"f":null})");
    CHECK(is_json(json));
  }

  TEST_CASE("encode: absent optionals are omitted, present ones written") {
    empties e;
    CHECK(conform::encode(e) == R"({"v":[],"m":{}})");
    e.p = point{};
    CHECK(conform::encode(e) == R"({"v":[],"m":{},"p":{"x":0,"y":0}})");
    std::optional<int> none;
    CHECK(conform::encode(none) == "null");
    CHECK(conform::encode(std::optional<int>(3)) == "3");
  }

  TEST_CASE("encode: indent lays out nested values, one member or element per line") {
    conform::encode_options o;
    o.indent = 2;
    auto v = sample();
    v.s = "s";
    v.tags.clear();
    v.grid = {{1, 2}, {}};
    v.points = {{1, 2}};
    v.map = {{"k", 1}};
    v.sparse.clear();
    std::string const expected = R"({
  "s": "s",
  "b": true,
  "i8": -128,
  "u16": 65535,
  "i32": -2147483648,
  "i64": -9223372036854775808,
  "u64": 18446744073709551615,
  "d": 0.1,
  "f": 1.100000023841858,
  "c": "blue",
  "l": "zh-cn",
  "oc": "purple",
  "opt": 0,
  "vec": [
    1,
    -2,
    3
  ],
  "sparse": [],
  "map": {
    "k": 1
  },
  "nested": {
    "x": 4,
    "y": 5
  },
  "grid": [
    [
      1,
      2
    ],
    []
  ],
  "points": [
    {
      "x": 1,
      "y": 2
    }
  ],
  "opt_point": {
    "x": 6,
    "y": 7
  },
  "tags": {}
})";
    std::string json = conform::encode(v, o);
    CHECK(json == expected);
    auto back = conform::decode<all_types>(json);
    CHECK(back.value == v);

    o.indent = 4;
    CHECK(conform::encode(point{1, 2}, o) == "{\n    \"x\": 1,\n    \"y\": 2\n}");
    CHECK(conform::encode(empties{}, o) == "{\n    \"v\": [],\n    \"m\": {}\n}");
  }

  TEST_CASE("encode: encode_to appends to a string") {
    std::string out = "prefix:";
    conform::encode_to(out, point{1, 2});
    CHECK(out == R"(prefix:{"x":1,"y":2})");
    conform::encode_to(out, std::vector<int>{});
    CHECK(out == R"(prefix:{"x":1,"y":2}[])");
  }

  TEST_CASE("encode: scalars and containers at the root") {
    CHECK(conform::encode(true) == "true");
    CHECK(conform::encode(std::int64_t(-1)) == "-1");
    CHECK(conform::encode(std::string("x")) == R"("x")");
    CHECK(conform::encode(color::green) == R"("green")");
    CHECK(conform::encode(std::vector<std::vector<int>>{{}, {1}}) == "[[],[1]]");
    CHECK(conform::encode(std::map<std::string, point>{{"p", {1, 2}}}) == R"({"p":{"x":1,"y":2}})");
  }
}
