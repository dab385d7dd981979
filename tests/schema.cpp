// Tests for <conform/schema.hpp>: what counts as a described struct, which members are JSON
// members (public ones, in declaration order; inherited ones too), required versus optional,
// how the attachment macros bind rules to members and types, and member lookup by key
// (every key found in any order, near misses reported as unknown).
#include <conform/schema.hpp>

#include "support/test.hpp"

#include <conform/decode.hpp>
#include <conform/encode.hpp>
#include <conform/validate.hpp>

#include <boost/describe.hpp>

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace schema_test {

struct plain {
  int a = 0;
};

struct described {
  int a = 0;
  std::optional<int> b;
  std::string c;
};
BOOST_DESCRIBE_STRUCT(described, (), (a, b, c))
CONFORM_MEMBER_RULES(described, c, conform::non_empty, conform::length<0, 9>);
CONFORM_TYPE_RULES(described, conform::requires_member<&described::b, &described::c>);

enum class tint { red };
BOOST_DESCRIBE_ENUM(tint, red)

class with_private {
public:
  int shown = 0;
  int hidden() const { return hidden_; }

private:
  int hidden_ = 0;
  BOOST_DESCRIBE_CLASS(with_private, (), (shown), (), (hidden_))
};

struct base {
  int x = 0;
};
BOOST_DESCRIBE_STRUCT(base, (), (x))

CONFORM_MEMBER_RULES(base, x, conform::range<0, 9>);

struct derived : base {
  int y = 0;
};
BOOST_DESCRIBE_STRUCT(derived, (base), (y))

/// Attaches its own constraints to the member it inherits: they replace the base's.
struct derived_own : base {};
BOOST_DESCRIBE_STRUCT(derived_own, (base), ())
CONFORM_MEMBER_RULES(derived_own, x, conform::range<0, 5>);

struct empty {};
BOOST_DESCRIBE_STRUCT(empty, (), ())

/// Forty members. Member names that share long prefixes are covered by
/// tests/compile_fail/similar_member_names.cpp (a struct that must compile); here the keys
/// that almost match a member share prefixes, suffixes and lengths with it.
struct wide {
  int algorithm, billing, cluster, dataset, engine, flavor, gpu_count, hostname, image, job_id;
  int kind, labels, metadata, name, outputs, policies, queue, resource, spec, status;
  int tasks, uid, volumes, workspace, x, yaml_path, zone, a1, b2, c3;
  int very_long_member_name_number_one, another_long_member_name_for_two, q, r7, s_;
  int training_job_name, endpoints, log_url, npu, _private_looking;
};
BOOST_DESCRIBE_STRUCT(wide, (),
                      (algorithm, billing, cluster, dataset, engine, flavor, gpu_count, hostname,
                       image, job_id, kind, labels, metadata, name, outputs, policies, queue,
                       resource, spec, status, tasks, uid, volumes, workspace, x, yaml_path, zone,
                       a1, b2, c3, very_long_member_name_number_one,
                       another_long_member_name_for_two, q, r7, s_, training_job_name, endpoints,
                       log_url, npu, _private_looking))

/// The names of wide's members, in declaration order.
inline std::vector<std::string> wide_names() {
  std::vector<std::string> out;
  boost::mp11::mp_for_each<conform::detail::public_members<wide>>(
      [&](auto d) { out.emplace_back(d.name); });
  return out;
}

} // namespace schema_test

using namespace schema_test;
using conform::error;

TEST_SUITE("schema") {
  TEST_CASE("schema: is_described_struct_v is true for described classes only") {
    static_assert(conform::is_described_struct_v<described>);
    static_assert(conform::is_described_struct_v<with_private>);
    static_assert(conform::is_described_struct_v<derived>);
    static_assert(conform::is_described_struct_v<empty>);
    static_assert(!conform::is_described_struct_v<plain>);
    static_assert(!conform::is_described_struct_v<int>);
    static_assert(!conform::is_described_struct_v<tint>);
    static_assert(!conform::is_described_struct_v<std::string>);
    static_assert(!conform::is_described_struct_v<std::optional<described>>);
    CHECK(true);
  }

  TEST_CASE("schema: attachment macros bind rules to a member and to a type") {
    static_assert(std::is_same_v<conform::detail::member_rules_t<described, &described::c>,
                                 conform::rules<conform::non_empty, conform::length<0, 9>>>);
    static_assert(std::is_same_v<conform::detail::member_rules_t<described, &described::a>,
                                 conform::rules<>>);
    static_assert(
        std::is_same_v<conform::detail::type_rules_t<described>,
                       conform::rules<conform::requires_member<&described::b, &described::c>>>);
    static_assert(std::is_same_v<conform::detail::type_rules_t<derived>, conform::rules<>>);
    CHECK(true);
  }

  TEST_CASE("schema: member helpers (names, optional detection, presence)") {
    CHECK(conform::detail::member_name<described, &described::a>() == "a");
    CHECK(conform::detail::member_name<described, &described::c>() == "c");
    CHECK(conform::detail::member_name<wide, &wide::another_long_member_name_for_two>() ==
          "another_long_member_name_for_two");
    static_assert(conform::detail::is_optional<std::optional<int>>::value);
    static_assert(!conform::detail::is_optional<int>::value);
    static_assert(std::is_same_v<conform::detail::unwrap_optional<std::optional<int>>::type, int>);
    static_assert(std::is_same_v<conform::detail::unwrap_optional<int>::type, int>);
    CHECK(conform::detail::is_present(std::optional<int>(0)));
    CHECK(!conform::detail::is_present(std::optional<int>()));
    CHECK(conform::detail::is_present(0));
    CHECK(conform::detail::is_present(std::string()));
  }

  TEST_CASE("schema: optional members may be absent, all others are required") {
    auto r = conform::decode<described>("{}");
    CHECK((conform_test::codes(r.diagnostics) ==
           std::vector<error>{error::missing_member, error::missing_member}));
    REQUIRE(r.diagnostics.size() == 2);
    CHECK(r.diagnostics[0].pointer == "/a");
    CHECK(r.diagnostics[1].pointer == "/c");
    auto ok = conform::decode<described>(R"({"a": 1, "c": "x"})");
    CHECK(ok.diagnostics.empty());
  }

  TEST_CASE("schema: attached rules run when decoding") {
    auto r = conform::decode<described>(R"({"a": 1, "b": 2, "c": "0123456789"})");
    CHECK((conform_test::codes(r.diagnostics) == std::vector<error>{error::length_out_of_range}));
    auto rule = conform::decode<described>(R"({"a": 1, "b": 2, "c": ""})");
    CHECK(
        (conform_test::codes(rule.diagnostics) == std::vector<error>{error::length_out_of_range}));
  }

  TEST_CASE("schema: only public members are JSON members") {
    auto r = conform::decode<with_private>(R"({"shown": 1, "hidden_": 2})");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == error::unknown_member);
    CHECK(r.diagnostics[0].pointer == "/hidden_");
    CHECK(r.value.shown == 1);
    CHECK(r.value.hidden() == 0);
    CHECK(conform::encode(r.value) == R"({"shown":1})");
  }

  TEST_CASE("schema: inherited public members are JSON members (STYLE 3.4)") {
    auto r = conform::decode<derived>(R"({"x": 1, "y": 2})");
    CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
    CHECK(r.value.x == 1);
    CHECK(r.value.y == 2);
    auto missing = conform::decode<derived>(R"({"y": 2})");
    CHECK((conform_test::codes(missing.diagnostics) == std::vector<error>{error::missing_member}));
    derived d;
    d.x = 3;
    d.y = 4;
    CHECK(conform::encode(d) == R"({"x":3,"y":4})");
  }

  TEST_CASE("schema: an inherited member keeps the constraints attached for its base") {
    // The base's rules hold in the derived type, decoded or validated.
    for (auto const& ds : {conform::decode<derived>(R"({"x": 10, "y": 2})").diagnostics,
                           conform::decode<base>(R"({"x": 10})").diagnostics}) {
      REQUIRE(ds.size() == 1);
      CHECK(ds[0].code == error::out_of_range);
      CHECK(ds[0].pointer == "/x");
    }
    derived d;
    d.x = 10;
    auto checked = conform::validate(d);
    REQUIRE(checked.size() == 1);
    CHECK(checked[0].code == error::out_of_range);
    CHECK(checked[0].pointer == "/x");
    d.x = 9;
    CHECK(conform::validate(d).empty());
    // Rules attached for the derived type replace the base's: [0, 5], not [0, 9].
    CHECK(conform_test::codes(conform::decode<derived_own>(R"({"x": 7})").diagnostics) ==
          std::vector<error>{error::out_of_range});
    CHECK(conform::decode<derived_own>(R"({"x": 5})").diagnostics.empty());
  }

  TEST_CASE("schema: a struct without members accepts an empty object") {
    CHECK(conform::decode<empty>("{}").diagnostics.empty());
    auto r = conform::decode<empty>(R"({"a": 1})");
    CHECK((conform_test::codes(r.diagnostics) == std::vector<error>{error::unknown_member}));
    CHECK(conform::encode(empty{}) == "{}");
  }

  TEST_CASE("schema: every member of a wide struct is found, in any key order") {
    auto names = wide_names();
    REQUIRE(names.size() == 40);
    // Reverse order, each member set to its index.
    std::string json = "{";
    for (std::size_t i = names.size(); i-- > 0;) {
      json += "\"" + names[i] + "\": " + std::to_string(i) + (i == 0 ? "}" : ", ");
    }
    auto r = conform::decode<wide>(json);
    CHECK_MESSAGE(r.diagnostics.empty(), conform::to_string(r.diagnostics));
    // encode writes members in declaration order: 0, 1, 2, ...
    std::string expected = "{";
    for (std::size_t i = 0; i < names.size(); ++i) {
      expected += "\"" + names[i] + "\":" + std::to_string(i) + (i + 1 == names.size() ? "}" : ",");
    }
    CHECK(conform::encode(r.value) == expected);
  }

  TEST_CASE("schema: keys that almost match a member are unknown") {
    std::vector<std::string> near_misses = {
        "",
        "A",
        "x ",
        " x",
        "X",
        "algorith",
        "algorithm_",
        "Algorithm",
        "algorithM",
        "job_idd",
        "job_ie",
        "a2",
        "r8",
        "s",
        "s__",
        "training_job_names",
        "training_job_nam",
        "training_job_namE",
        "Training_job_name",
        "very_long_member_name_number_onE",
        "very_long_member_name_nUmber_one",
        "very_long_member_name_number_one_",
        "very_long_member_name_number_on",
        "another_long_member_name_for_tw0",
        "log_uri",
        "npu_",
        "_private_lookin_",
    };
    auto names = wide_names();
    std::string all_members = "{";
    for (std::size_t i = 0; i < names.size(); ++i) {
      all_members += "\"" + names[i] + "\": 0, ";
    }
    for (auto const& key : near_misses) {
      CAPTURE(key);
      auto r = conform::decode<wide>(all_members + "\"" + key + "\": 1}");
      CHECK_MESSAGE(r.diagnostics.size() == 1, conform::to_string(r.diagnostics));
      if (r.diagnostics.size() == 1) {
        CHECK(r.diagnostics[0].code == error::unknown_member);
        CHECK(r.diagnostics[0].pointer == "/" + key);
      }
    }
  }

  TEST_CASE("schema: a key with an embedded NUL does not match a member") {
    auto r = conform::decode<described>(R"({"a": 1, "c": "x", "a\u0000": 2})");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == error::unknown_member);
    CHECK(r.diagnostics[0].pointer == std::string("/a\0", 3));
    CHECK(r.value.a == 1);
  }
}
