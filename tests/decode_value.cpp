// Tests for <conform/decode_value.hpp>: what only the DOM entry points do. Numbers arrive as
// Boost.JSON converted them, an array's known size allocates its vector once, duplicate keys
// are invisible, decode_into keeps the previous value's storage, and decode_or_throw and the
// noexcept promise hold for a boost::json::value.
// That both front ends report the same findings for the same document is tested, document
// by document, in tests/decode.cpp.
#include <conform/decode_value.hpp>

#include "support/test.hpp"

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace decode_value_test {

struct numbers {
  std::optional<std::int32_t> i32;
  std::optional<std::int64_t> i64;
  std::optional<std::uint64_t> u64;
  std::optional<double> d;
};
BOOST_DESCRIBE_STRUCT(numbers, (), (i32, i64, u64, d))

struct with_vector {
  std::optional<std::vector<int>> vec;
};
BOOST_DESCRIBE_STRUCT(with_vector, (), (vec))

struct pair {
  int x = 0;
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(pair, (), (x, y))

struct struct_with_storage {
  std::string name;
  std::vector<int> vec;
  std::vector<pair> pairs;
};
BOOST_DESCRIBE_STRUCT(struct_with_storage, (), (name, vec, pairs))

inline boost::json::value parse_dom(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  REQUIRE_MESSAGE(!ec, std::string(text));
  return v;
}

} // namespace decode_value_test

using namespace decode_value_test;
using conform::error;
using conform::severity;

TEST_SUITE("decode_value") {
  TEST_CASE("decode_value: integers follow Boost.JSON's number kinds") {
    struct row {
      std::string json;
      error code;
      std::string found;
    };
    row const rows[] = {
        {R"({"i32": 2147483648})", error::integer_overflow, "2147483648"},
        {R"({"u64": -1})", error::integer_overflow, "-1"},
        {R"({"i64": 9223372036854775808})", error::integer_overflow, "9223372036854775808"},
        // Boost.JSON turns this into the double 1.8446744073709552e19: still an overflow, and
        // said to be a double, for the DOM has lost the integer.
        {R"({"u64": 18446744073709551616})", error::integer_overflow,
         "18446744073709551616 (a double: the DOM keeps no integer beyond 64 bits)"},
        // One past INT64_MIN rounds to the double -2^63, which would fit: the found text must
        // not read as a value inside the range it is reported against.
        {R"({"i64": -9223372036854775809})", error::integer_overflow,
         "-9223372036854775808 (a double: the DOM keeps no integer beyond 64 bits)"},
        {R"({"i32": 1.5})", error::not_integer, "1.5"},
        {R"({"i32": 2.0})", error::not_integer, "2"},
        // Boost 1.81 parses 1e400 as infinity: the DOM cannot tell, the decoder still refuses.
        {R"({"i32": 1e400})", error::not_integer, "infinity"},
    };
    for (auto const& r : rows) {
      CAPTURE(r.json);
      auto res = conform::decode<numbers>(parse_dom(r.json));
      CHECK_MESSAGE(res.diagnostics.size() == 1, conform::to_string(res.diagnostics));
      if (res.diagnostics.size() != 1) {
        continue;
      }
      CHECK(res.diagnostics[0].code == r.code);
      CHECK(res.diagnostics[0].found == r.found);
      CHECK(res.diagnostics[0].offset == conform::diagnostic::no_offset);
      CHECK(res.diagnostics[0].line == 0);
    }
    auto inf = conform::decode<numbers>(parse_dom(R"({"d": 1e400})"));
    REQUIRE(inf.diagnostics.size() == 1);
    CHECK(inf.diagnostics[0].code == error::out_of_range);
    CHECK(inf.diagnostics[0].found == "infinity");
    CHECK(!inf.value.d.has_value());
  }

  TEST_CASE("decode_value: an array's size allocates its vector once, within the limits") {
    boost::json::array a;
    for (int i = 0; i < 37; ++i) {
      a.push_back(i);
    }
    boost::json::value v{{"vec", a}};
    auto r = conform::decode<with_vector>(v);
    REQUIRE(r.ok());
    REQUIRE(r.value.vec.has_value());
    CHECK(r.value.vec->size() == 37);
    CHECK(r.value.vec->capacity() == 37);
    // The hint is capped by max_array_size (which then rejects the array) ...
    conform::decode_options o;
    o.max_array_size = 10;
    auto capped = conform::decode<with_vector>(v, o);
    REQUIRE(capped.diagnostics.size() == 1);
    CHECK(capped.diagnostics[0].code == error::limit_exceeded);
    REQUIRE(capped.value.vec.has_value());
    CHECK(capped.value.vec->capacity() <= 10);
    // ... and by 4096 elements: a hint never reserves more than a few pages ahead.
    boost::json::array big(5000, boost::json::value(1));
    auto r_big = conform::decode<with_vector>(boost::json::value{{"vec", big}});
    REQUIRE(r_big.ok());
    CHECK(r_big.value.vec->size() == 5000);
    // From text the size is unknown: short arrays still get one small allocation.
    auto t = conform::decode<with_vector>(R"({"vec": [1, 2, 3]})");
    REQUIRE(t.ok());
    CHECK(t.value.vec->capacity() == 4);
  }

  TEST_CASE("decode_value: decode_into keeps the previous value's storage") {
    // Capacities tell reuse apart from a new allocation. That the result equals a fresh
    // decode over every pair of documents is tested in tests/decode.cpp.
    struct_with_storage v;
    auto first = parse_dom(R"({"name": "a name well past the small-string buffer",)"
                           R"( "vec": [1, 2, 3, 4, 5, 6, 7, 8, 9], "pairs": [{"x": 1, "y": 2},)"
                           R"( {"x": 3, "y": 4}, {"x": 5, "y": 6}]})");
    REQUIRE(conform::decode_into(v, first).empty());
    std::size_t const name_capacity = v.name.capacity();
    std::size_t const vec_capacity = v.vec.capacity();
    std::size_t const pairs_capacity = v.pairs.capacity();

    auto second = parse_dom(R"({"name": "a shorter one, still on the heap", "vec": [7],)"
                            R"( "pairs": [{"x": 9, "y": 10}]})");
    auto ds = conform::decode_into(v, second);
    CHECK(ds == conform::decode<struct_with_storage>(second).diagnostics);
    CHECK(v.name == "a shorter one, still on the heap");
    CHECK(v.name.capacity() == name_capacity);
    CHECK(v.vec == std::vector<int>{7});
    CHECK(v.vec.capacity() == vec_capacity);
    REQUIRE(v.pairs.size() == 1);
    CHECK(v.pairs[0].x == 9);
    CHECK(v.pairs[0].y == 10);
    CHECK(v.pairs.capacity() == pairs_capacity);

    // An error keeps what was valid and resets the rest, as a fresh decode would.
    auto bad = parse_dom(R"({"name": 5, "vec": [1, "two"], "pairs": []})");
    ds = conform::decode_into(v, bad);
    auto fresh = conform::decode<struct_with_storage>(bad);
    CHECK(ds == fresh.diagnostics);
    CHECK(v.name.empty());
    CHECK(v.vec == fresh.value.vec);
    CHECK(v.pairs.empty());
  }

  TEST_CASE("decode_value: duplicate keys are gone before the decoder sees them") {
    std::string_view json = R"({"x": 1, "y": 2, "x": 3})";
    auto from_text = conform::decode<pair>(json);
    REQUIRE(from_text.diagnostics.size() == 1);
    CHECK(from_text.diagnostics[0].code == error::duplicate_key);
    // Boost.JSON keeps the last value and says nothing: neither can the DOM front end.
    auto from_dom = conform::decode<pair>(parse_dom(json));
    CHECK(from_dom.diagnostics.empty());
    CHECK(from_dom.value.x == 3);
  }

  TEST_CASE("decode_value: decode_or_throw throws on errors, not on warnings") {
    auto bad = parse_dom(R"({"x": "a", "y": true})");
    auto expected = conform::decode<pair>(bad).diagnostics;
    REQUIRE(expected.size() == 2);
    bool thrown = false;
    try {
      (void)conform::decode_or_throw<pair>(bad);
    } catch (conform::decode_error const& e) {
      thrown = true;
      CHECK(e.diagnostics() == expected);
    }
    CHECK(thrown);
    pair p;
    CHECK_NOTHROW(p = conform::decode_or_throw<pair>(parse_dom(R"({"x": 3, "y": 4, "z": 5})")));
    CHECK(p.x == 3);
    CHECK(p.y == 4);
  }

  TEST_CASE("decode_value: the DOM overloads never throw, except decode_or_throw") {
    static_assert(noexcept(conform::decode<pair>(boost::json::value())));
    static_assert(noexcept(conform::decode<pair>(boost::json::value(), conform::decode_options{})));
    static_assert(!noexcept(conform::decode_or_throw<pair>(boost::json::value())));
    static_assert(noexcept(conform::decode_into(std::declval<pair&>(), boost::json::value())));
    // A null root is a finding, not an exception.
    auto r = conform::decode<pair>(boost::json::value());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == error::type_mismatch);
    CHECK(r.diagnostics[0].pointer.empty());
  }
}
