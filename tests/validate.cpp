// Tests for <conform/validate.hpp>: a typed object checked against the constraints and
// cross-member rules the decoder applies: pointers into vectors, maps (escaped keys) and
// nested members, open-enum unknowns under both policies, non-finite numbers, the cap on
// diagnostics, and agreement with what decode reports for the same document.
#include <conform/validate.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/encode.hpp>

#include <boost/describe.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace validate_test {

enum class state { pending, running };
BOOST_DESCRIBE_ENUM(state, pending, running)

struct port_range {
  int low = 0;
  int high = 0;
};
BOOST_DESCRIBE_STRUCT(port_range, (), (low, high))
CONFORM_MEMBER_RULES(port_range, low, conform::range<1, 65535>);
CONFORM_MEMBER_RULES(port_range, high, conform::range<1, 65535>);
CONFORM_TYPE_RULES(port_range, conform::ordered<&port_range::low, &port_range::high>);

struct service {
  std::string name;
  std::optional<std::string> path;
  std::optional<int> port;
  std::vector<std::string> tags;
  std::map<std::string, std::string> labels;
  std::vector<port_range> ranges;
  conform::open_enum<state> state_value;
  std::vector<double> weights;
  std::optional<double> ratio;
  std::vector<std::vector<int>> grid;
};
BOOST_DESCRIBE_STRUCT(service, (),
                      (name, path, port, tags, labels, ranges, state_value, weights, ratio, grid))
CONFORM_MEMBER_RULES(service, name, conform::length<1, 8>,
                     conform::charset<conform::letters, conform::digits>);
CONFORM_MEMBER_RULES(service, port, conform::warn<conform::range<1024, 65535>>);
CONFORM_MEMBER_RULES(service, tags, conform::size<0, 3>, conform::each<conform::non_empty>);
CONFORM_MEMBER_RULES(service, labels, conform::each<conform::length<1, 4>>);
CONFORM_MEMBER_RULES(service, grid, conform::each<conform::size<2, 2>>);
CONFORM_TYPE_RULES(service, conform::together<&service::path, &service::port>);

struct tagged {
  state s = state::pending;
  std::map<std::string, state> by_name;
};
BOOST_DESCRIBE_STRUCT(tagged, (), (s, by_name))

inline service valid_service() {
  service s;
  s.name = "web1";
  s.path = "/";
  s.port = 8080;
  s.tags = {"a"};
  s.labels = {{"k", "v"}};
  s.ranges = {{1, 2}};
  s.state_value = state::running;
  s.weights = {0.5};
  s.ratio = 1.0;
  s.grid = {{1, 2}};
  return s;
}

inline std::string summary_of(conform::diagnostics const& ds) {
  std::string out;
  for (auto const& d : ds) {
    out += std::string(conform::to_string(d.code)) + " " +
           std::string(conform::to_string(d.level)) + " " + d.pointer + "\n";
  }
  return out;
}

} // namespace validate_test

using namespace validate_test;
using conform::error;
using conform::severity;

TEST_SUITE("validate") {
  TEST_CASE("validate: a valid object has no findings") {
    CHECK(conform::validate(valid_service()).empty());
  }

  TEST_CASE("validate: findings point into vectors, maps and nested members") {
    service s = valid_service();
    s.name = "bad name!";
    s.tags = {"a", "", "c", ""};
    s.labels = {{"a/b", "toolong"}, {"ok", "v"}, {"~", ""}};
    s.ranges = {{1, 2}, {0, 70000}, {10, 5}};
    s.grid = {{1, 2}, {3}};
    auto ds = conform::validate(s);
    // Member order; a container's own constraints come before its elements'.
    std::string const expected = "length_out_of_range error /name\n"
                                 "invalid_character error /name\n"
                                 "length_out_of_range error /tags\n"
                                 "length_out_of_range error /tags/1\n"
                                 "length_out_of_range error /tags/3\n"
                                 "length_out_of_range error /labels/a~1b\n"
                                 "length_out_of_range error /labels/~0\n"
                                 "out_of_range error /ranges/1/low\n"
                                 "out_of_range error /ranges/1/high\n"
                                 "cross_member_rule error /ranges/2/high\n"
                                 "length_out_of_range error /grid/1\n";
    CHECK(summary_of(ds) == expected);
    CHECK(ds.error_count() == 11);
    for (auto const& d : ds) {
      CHECK(d.offset == conform::diagnostic::no_offset);
      CHECK(d.line == 0);
      CHECK(d.column == 0);
    }
    REQUIRE(ds.size() == 11);
    CHECK(ds[0].expected == "1 to 8 characters");
    CHECK(ds[0].found == "9 characters");
    CHECK(ds[0].member == "validate_test::service::name");
    CHECK(ds[1].found == "' ' at character 4");
    CHECK(ds[2].expected == "0 to 3 elements");
    CHECK(ds[2].found == "4 elements");
    CHECK(ds[8].found == "70000");
    CHECK(ds[9].found == "high 5 before low 10");
  }

  TEST_CASE("validate: warn<> constraints and cross-member rules") {
    service s = valid_service();
    s.port = 80;
    auto ds = conform::validate(s);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].code == error::out_of_range);
    CHECK(ds[0].level == severity::warning);
    CHECK(ds[0].pointer == "/port");
    CHECK(!ds.has_errors());

    s.port.reset();
    auto rule = conform::validate(s);
    REQUIRE(rule.size() == 1);
    CHECK(rule[0].code == error::cross_member_rule);
    CHECK(rule[0].pointer == "/path");
    CHECK(rule[0].expected == "both path and port, or neither");
  }

  TEST_CASE("validate: unknown open-enum values follow the policy") {
    service s = valid_service();
    s.state_value = conform::open_enum<state>::from_string("Lost");
    auto lenient = conform::validate(s);
    REQUIRE(lenient.size() == 1);
    CHECK(lenient[0].code == error::unknown_enum_value);
    CHECK(lenient[0].level == severity::warning);
    CHECK(lenient[0].pointer == "/state_value");
    CHECK(lenient[0].expected == R"(one of "pending", "running")");
    CHECK(lenient[0].found == R"("Lost")");

    conform::decode_options o;
    o.unknown_open_enum_values = conform::open_enum_policy::error;
    auto strict = conform::validate(s, o);
    REQUIRE(strict.size() == 1);
    CHECK(strict[0].level == severity::error);

    std::vector<conform::open_enum<state>> list = {state::pending,
                                                   conform::open_enum<state>::from_string("x")};
    auto in_vector = conform::validate(list);
    REQUIRE(in_vector.size() == 1);
    CHECK(in_vector[0].pointer == "/1");
  }

  TEST_CASE("validate: non-finite numbers are out_of_range") {
    service s = valid_service();
    s.weights = {1.0, std::numeric_limits<double>::quiet_NaN(),
                 std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    s.ratio = std::numeric_limits<double>::infinity();
    auto ds = conform::validate(s);
    REQUIRE_MESSAGE(ds.size() == 4, conform::to_string(ds));
    CHECK(ds[0].pointer == "/weights/1");
    CHECK(ds[0].found == "NaN");
    CHECK(ds[0].expected == "a finite number");
    CHECK(ds[1].pointer == "/weights/2");
    CHECK(ds[1].found == "infinity");
    CHECK(ds[2].pointer == "/weights/3");
    CHECK(ds[2].found == "-infinity");
    CHECK(ds[3].pointer == "/ratio");
    for (auto const& d : ds) {
      CHECK(d.code == error::out_of_range);
      CHECK(d.level == severity::error);
    }
    CHECK(conform::validate(std::numeric_limits<float>::infinity()).size() == 1);
  }

  TEST_CASE("validate: a closed enumeration holding no enumerator is invalid_value") {
    tagged t;
    t.s = static_cast<state>(7);
    t.by_name = {{"a", state::running}, {"b", static_cast<state>(-1)}};
    auto ds = conform::validate(t);
    REQUIRE_MESSAGE(ds.size() == 2, conform::to_string(ds));
    CHECK(ds[0].code == error::invalid_value);
    CHECK(ds[0].pointer == "/s");
    CHECK(ds[0].expected == R"(one of "pending", "running")");
    CHECK(ds[0].found == "the value 7, which names no enumerator");
    CHECK(ds[1].pointer == "/by_name/b");
    CHECK(ds[1].found == "the value -1, which names no enumerator");
    t.s = state::running;
    t.by_name.erase("b");
    CHECK(conform::validate(t).empty());
  }

  TEST_CASE("validate: strings and map keys that are not UTF-8 are invalid_character") {
    service s = valid_service();
    s.name = "ab\xC3";             // a sequence cut short; one finding, not the rules' too
    s.path = std::string("/\xFF"); // a byte that begins no sequence, in an optional
    s.labels = {{"k\xE2\x82", "toolong"}, {"ok", "\xED\xA0\x80"}}; // a key; a surrogate
    auto ds = conform::validate(s);
    REQUIRE_MESSAGE(ds.size() == 4, conform::to_string(ds));
    CHECK(ds[0].pointer == "/name");
    CHECK(ds[0].expected == "valid UTF-8");
    CHECK(ds[0].found == "byte 0xC3 at byte 2");
    CHECK(ds[1].pointer == "/path");
    CHECK(ds[1].found == "byte 0xFF at byte 1");
    CHECK(ds[2].pointer == "/labels/k\xE2\x82"); // its value's length rule is not checked
    CHECK(ds[2].found == "byte 0xE2 at byte 1");
    CHECK(ds[3].pointer == "/labels/ok");
    CHECK(ds[3].found == "byte 0xED at byte 0");
    for (auto const& d : ds) {
      CHECK(d.code == error::invalid_character);
      CHECK(d.level == severity::error);
    }
  }

  TEST_CASE("validate: roots that are not structs") {
    CHECK(conform::validate(std::vector<int>{1, 2}).empty());
    CHECK(conform::validate(std::string("x")).empty());
    std::map<std::string, port_range> m = {{"a/b", {5, 1}}};
    auto ds = conform::validate(m);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].pointer == "/a~1b/high");
  }

  TEST_CASE("validate: max_diagnostics caps the list like decode does") {
    service s = valid_service();
    s.tags = {"", "", ""};
    s.labels = {{"a", ""}, {"b", ""}};
    conform::decode_options o;
    o.max_diagnostics = 2;
    auto ds = conform::validate(s, o);
    CHECK(ds.error_count() == 5);
    REQUIRE_MESSAGE(ds.size() == 3, conform::to_string(ds));
    CHECK(ds[0].pointer == "/tags/0");
    CHECK(ds[1].pointer == "/tags/1");
    CHECK(ds[2].code == error::too_many_diagnostics);
    CHECK(ds[2].level == severity::error);
    CHECK(ds[2].found == "3 more (3 errors, 0 warnings)");
  }

  TEST_CASE("validate: finds what decode finds in the same document") {
    // An invalid object built in C++, its JSON text decoded: the same findings, apart from
    // order (decode checks a container after its elements) and positions.
    service s = valid_service();
    s.name = "bad name!";
    s.port.reset();
    s.tags = {"", "x"};
    s.labels = {{"a/b", "toolong"}, {"~", ""}};
    s.ranges = {{0, 70000}, {9, 3}};
    s.state_value = conform::open_enum<state>::from_string("Lost");
    s.grid = {{1}, {1, 2}};
    auto validated = conform::validate(s);
    auto decoded = conform::decode<service>(conform::encode(s));
    auto sorted = [](conform::diagnostics const& ds) {
      std::vector<std::string> out;
      for (auto const& d : ds) {
        out.push_back(d.pointer + " " + std::string(conform::to_string(d.code)) + " " +
                      std::string(conform::to_string(d.level)) + " " + d.expected + " | " +
                      d.found + " | " + d.member);
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    CHECK_MESSAGE(sorted(validated) == sorted(decoded.diagnostics),
                  "validate:\n"
                      << conform::to_string(validated) << "decode:\n"
                      << conform::to_string(decoded.diagnostics));
    CHECK(validated.size() == 11);
    CHECK(validated.error_count() == decoded.diagnostics.error_count());
    CHECK(validated.warning_count() == decoded.diagnostics.warning_count());
  }
}
