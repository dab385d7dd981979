// Tests for <conform/enum_spelling.hpp>: described enums spelled by their C++ names, the
// spelling hook for values that are not identifiers, exact case-sensitive lookup, the list
// of spellings, compile-time use, and the same spellings through decode and encode.
#include <conform/enum_spelling.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/encode.hpp>

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spelling_test {

enum class color { red, green, blue };
BOOST_DESCRIBE_ENUM(color, red, green, blue)

enum class tool { tensorboard, mindstudio_insight, zh_cn };
BOOST_DESCRIBE_ENUM(tool, tensorboard, mindstudio_insight, zh_cn)

/// The spelling hook: found by argument-dependent lookup; "" keeps the C++ name.
constexpr std::string_view conform_enum_spelling(tool t) noexcept {
  switch (t) {
  case tool::mindstudio_insight:
    return "mindstudio-insight";
  case tool::zh_cn:
    return "zh-cn";
  default:
    return {};
  }
}

enum plain_enum { first_value = 3, second_value = 7 };
BOOST_DESCRIBE_ENUM(plain_enum, first_value, second_value)

enum class undescribed { a };

struct settings {
  color c = color::red;
  std::vector<tool> tools;
  std::optional<plain_enum> p;
};
BOOST_DESCRIBE_STRUCT(settings, (), (c, tools, p))

// Usable in constant expressions.
static_assert(conform::enum_to_string(color::green) == "green");
static_assert(conform::enum_to_string(tool::zh_cn) == "zh-cn");
static_assert(*conform::enum_from_string<tool>("mindstudio-insight") == tool::mindstudio_insight);
static_assert(!conform::enum_from_string<color>("Red").has_value());
static_assert(conform::enum_spellings<color>().size() == 3);

} // namespace spelling_test

using namespace spelling_test;
using conform::error;

TEST_SUITE("enum_spelling") {
  TEST_CASE("enum_spelling: is_described_enum_v") {
    static_assert(conform::is_described_enum_v<color>);
    static_assert(conform::is_described_enum_v<plain_enum>);
    static_assert(!conform::is_described_enum_v<undescribed>);
    static_assert(!conform::is_described_enum_v<int>);
    static_assert(!conform::is_described_enum_v<settings>);
    CHECK(true);
  }

  TEST_CASE("enum_spelling: enumerators are spelled by their C++ names by default") {
    CHECK(conform::enum_to_string(color::red) == "red");
    CHECK(conform::enum_to_string(color::blue) == "blue");
    CHECK(conform::enum_to_string(first_value) == "first_value");
    CHECK(conform::enum_to_string(tool::tensorboard) == "tensorboard");
  }

  TEST_CASE("enum_spelling: the hook spells values that are not identifiers") {
    CHECK(conform::enum_to_string(tool::mindstudio_insight) == "mindstudio-insight");
    CHECK(conform::enum_to_string(tool::zh_cn) == "zh-cn");
    CHECK(conform::enum_from_string<tool>("zh-cn") == tool::zh_cn);
    // The C++ name of a re-spelled enumerator is not a spelling any more.
    CHECK(!conform::enum_from_string<tool>("zh_cn").has_value());
    CHECK(!conform::enum_from_string<tool>("mindstudio_insight").has_value());
    // An empty hook result keeps the C++ name.
    CHECK(conform::enum_from_string<tool>("tensorboard") == tool::tensorboard);
  }

  TEST_CASE("enum_spelling: lookup is exact and case-sensitive") {
    struct row {
      std::string text;
      std::optional<color> value;
    };
    row const rows[] = {
        {"red", color::red},
        {"green", color::green},
        {"blue", color::blue},
        {"Red", std::nullopt},
        {"RED", std::nullopt},
        {"red ", std::nullopt},
        {" red", std::nullopt},
        {"", std::nullopt},
        {"re", std::nullopt},
        {"redd", std::nullopt},
        {std::string("red\0", 4), std::nullopt},
    };
    for (auto const& r : rows) {
      CAPTURE(r.text);
      CHECK(conform::enum_from_string<color>(r.text) == r.value);
    }
  }

  TEST_CASE("enum_spelling: a value that is no enumerator has no spelling") {
    CHECK(conform::enum_to_string(static_cast<color>(42)).empty());
    CHECK(conform::enum_to_string(static_cast<plain_enum>(5)).empty());
    CHECK(conform::enum_to_string(second_value) == "second_value");
  }

  TEST_CASE("enum_spelling: enum_spellings lists the spellings in declaration order") {
    auto colors = conform::enum_spellings<color>();
    CHECK(std::vector<std::string_view>(colors.begin(), colors.end()) ==
          std::vector<std::string_view>{"red", "green", "blue"});
    auto tools = conform::enum_spellings<tool>();
    CHECK(std::vector<std::string_view>(tools.begin(), tools.end()) ==
          std::vector<std::string_view>{"tensorboard", "mindstudio-insight", "zh-cn"});
  }

  TEST_CASE("enum_spelling: decode and encode use the spellings") {
    std::string json =
        R"({"c":"blue","tools":["zh-cn","tensorboard","mindstudio-insight"],"p":"second_value"})";
    auto r = conform::decode<settings>(json);
    CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
    CHECK(r.value.c == color::blue);
    CHECK(r.value.tools ==
          std::vector<tool>{tool::zh_cn, tool::tensorboard, tool::mindstudio_insight});
    CHECK(r.value.p == second_value);
    CHECK(conform::encode(r.value) == json);
  }

  TEST_CASE("enum_spelling: an unknown spelling is an error listing the spellings") {
    auto r = conform::decode<settings>(R"({"c": "Blue", "tools": ["zh_cn", "zh-cn"]})");
    REQUIRE_MESSAGE(r.diagnostics.size() == 2, conform::to_string(r.diagnostics));
    CHECK(r.diagnostics[0].code == error::unknown_enum_value);
    CHECK(r.diagnostics[0].level == conform::severity::error);
    CHECK(r.diagnostics[0].pointer == "/c");
    CHECK(r.diagnostics[0].expected == R"(one of "red", "green", "blue")");
    CHECK(r.diagnostics[0].found == R"("Blue")");
    CHECK(r.diagnostics[1].pointer == "/tools/0");
    CHECK(r.diagnostics[1].expected == R"(one of "tensorboard", "mindstudio-insight", "zh-cn")");
    CHECK(r.diagnostics[1].found == R"("zh_cn")");
    // The rejected element is left out; the member keeps its default.
    CHECK(r.value.tools == std::vector<tool>{tool::zh_cn});
    CHECK(r.value.c == color::red);
  }

  TEST_CASE("enum_spelling: every unknown value of an enumeration lists all the spellings") {
    // The list is built once per enumeration and shared: each diagnostic must still get the
    // whole of it, in one decode, in the next, and on the DOM path.
    std::string const all = R"(one of "tensorboard", "mindstudio-insight", "zh-cn")";
    for (int round = 0; round < 3; ++round) {
      CAPTURE(round);
      std::string json = R"({"c": "green", "tools": ["a", "zh-cn", "b", "c"]})";
      auto r = round == 2 ? conform::decode<settings>(boost::json::parse(json))
                          : conform::decode<settings>(json);
      REQUIRE_MESSAGE(r.diagnostics.size() == 3, conform::to_string(r.diagnostics));
      for (std::size_t i = 0; i < 3; ++i) {
        CHECK(r.diagnostics[i].code == error::unknown_enum_value);
        CHECK(r.diagnostics[i].expected == all);
      }
      CHECK(r.diagnostics[2].found == R"("c")");
      CHECK(r.value.tools == std::vector<tool>{tool::zh_cn});
    }
    // Another enumeration has its own list.
    auto other = conform::decode<settings>(R"({"c": "Blue", "tools": []})");
    REQUIRE(other.diagnostics.size() == 1);
    CHECK(other.diagnostics[0].expected == R"(one of "red", "green", "blue")");
  }

  TEST_CASE("enum_spelling: an enumeration is a JSON string") {
    auto r = conform::decode<settings>(R"({"c": 0, "tools": []})");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == error::type_mismatch);
    CHECK(r.diagnostics[0].expected == "a string (enumeration)");
    CHECK(r.diagnostics[0].found == "number 0");
  }
}
