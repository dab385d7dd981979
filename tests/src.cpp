// Tests for <conform/src.hpp>, the separately compiled core. Unlike the other test files this
// one does not include its header: it is built with CONFORM_SEPARATE_COMPILATION and linked
// with tools/conform_src.cpp, the one file of the program that includes src.hpp, as a user's
// program would be. Every decode below therefore runs through the core compiled there. The
// other unit tests run in this mode too in one CI variant (-Dseparate_compilation=true), and
// tests/compile_fail checks that src.hpp refuses to compile without the macro.
#include <conform/decode.hpp>
#include <conform/decode_value.hpp>
#include <conform/modelarts.hpp>

#include "support/test.hpp"

#include <boost/describe.hpp>
#include <boost/json/parse.hpp>

#include <optional>
#include <string>
#include <vector>

#ifndef CONFORM_SEPARATE_COMPILATION
#error "tests/src.cpp is built with CONFORM_SEPARATE_COMPILATION (tests/meson.build)"
#endif

// The point of the mode: a file that decodes sees only declarations of the core, so it does
// not compile the parser, the DOM walk or line:column resolution.
#if defined(CONFORM_DETAIL_TEXT_SOURCE_HPP) || defined(CONFORM_DETAIL_VALUE_SOURCE_HPP) ||         \
    defined(CONFORM_DETAIL_LOCATE_HPP)
#error "under CONFORM_SEPARATE_COMPILATION the public headers must not include the core's bodies"
#endif

namespace src_test {

struct limits {
  int priority = 0;
  std::optional<std::string> name;
  std::vector<int> ports;
};
BOOST_DESCRIBE_STRUCT(limits, (), (priority, name, ports))

} // namespace src_test

using conform::error;
using conform::severity;
using src_test::limits;

TEST_SUITE("src") {
  TEST_CASE("src: text decoding runs in the separately compiled core, line:column included") {
    std::string const text = "{\"priority\": 1,\n \"name\": 7,\n \"ports\": [80, \"x\"]}";
    auto r = conform::decode<limits>(text);
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].code == error::type_mismatch);
    CHECK(r.diagnostics[0].pointer == "/name");
    CHECK(r.diagnostics[0].line == 2);
    CHECK(r.diagnostics[0].column == 10);
    CHECK(r.diagnostics[1].pointer == "/ports/1");
    CHECK(r.diagnostics[1].line == 3);
    // What was valid is kept.
    CHECK(r.value.priority == 1);
    CHECK_FALSE(r.value.name.has_value());
    CHECK(r.value.ports == std::vector<int>{80});
    // decode_into and decode_or_throw go through the same core.
    limits reused;
    reused.priority = 3;
    auto ds = conform::decode_into(reused, R"({"priority": 2, "ports": [443]})");
    CHECK(ds.empty());
    CHECK(reused.priority == 2);
    CHECK(reused.ports == std::vector<int>{443});
    CHECK_THROWS_AS(conform::decode_or_throw<limits>(text), conform::decode_error);
  }

  TEST_CASE("src: the DOM core reports what the text core reports, without positions") {
    std::string const text = "{\"priority\": 1,\n \"name\": 7,\n \"ports\": [80, \"x\"]}";
    auto from_text = conform::decode<limits>(text);
    auto from_dom = conform::decode<limits>(boost::json::parse(text));
    CHECK(conform_test::summary(from_dom.diagnostics) ==
          conform_test::summary(from_text.diagnostics));
    REQUIRE_FALSE(from_dom.diagnostics.empty());
    CHECK(from_dom.diagnostics[0].line == 0);
    CHECK(from_dom.value.ports == from_text.value.ports);
  }

  TEST_CASE("src: the ModelArts example and full response decode as in header-only builds") {
    namespace ma = conform::modelarts;
    auto example =
        conform::decode<ma::training_job>(conform_test::fixture("valid/api_example.json"));
    CHECK(example.ok());
    CHECK(conform_test::codes(example.diagnostics) == std::vector<error>{error::cross_member_rule});
    CHECK(example.diagnostics[0].level == severity::warning);
    CHECK(example.diagnostics[0].line != 0);
    auto full = conform::decode<ma::training_job>(conform_test::fixture("valid/full.json"));
    CHECK(full.diagnostics.empty());
    auto dom = conform::decode<ma::training_job>(
        boost::json::parse(conform_test::fixture("valid/full.json")));
    CHECK(dom.diagnostics.empty());
  }
}
