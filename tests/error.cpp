// Tests for <conform/error.hpp>: every code has a stable name, a message and a condition, and
// std::error_code sees them (boost::system::error_code: tests/boost_error_code.cpp).
#include <conform/error.hpp>
#include <conform/error.hpp> // the include guard holds

#include "support/test.hpp"

#include <set>
#include <string>

TEST_SUITE("error") {
  TEST_CASE("error: every code has a distinct stable name and a message") {
    std::set<std::string_view> names;
    for (auto e : conform::all_errors) {
      CAPTURE(static_cast<int>(e));
      auto name = conform::to_string(e);
      CHECK(name != "unknown");
      CHECK(names.insert(name).second);
      CHECK(!conform::describe(e).empty());
      CHECK(conform::describe(e).back() != '.');
      CHECK(conform::make_error_code(e).message() == std::string(conform::describe(e)));
    }
    CHECK(names.size() == std::size(conform::all_errors));
  }

  TEST_CASE("error: names are the documented stable spellings") {
    CHECK(conform::to_string(conform::error::syntax_error) == "syntax_error");
    CHECK(conform::to_string(conform::error::type_mismatch) == "type_mismatch");
    CHECK(conform::to_string(conform::error::missing_member) == "missing_member");
    CHECK(conform::to_string(conform::error::unknown_member) == "unknown_member");
    CHECK(conform::to_string(conform::error::duplicate_key) == "duplicate_key");
    CHECK(conform::to_string(conform::error::out_of_range) == "out_of_range");
    CHECK(conform::to_string(conform::error::integer_overflow) == "integer_overflow");
    CHECK(conform::to_string(conform::error::not_integer) == "not_integer");
    CHECK(conform::to_string(conform::error::length_out_of_range) == "length_out_of_range");
    CHECK(conform::to_string(conform::error::invalid_character) == "invalid_character");
    CHECK(conform::to_string(conform::error::unknown_enum_value) == "unknown_enum_value");
    CHECK(conform::to_string(conform::error::cross_member_rule) == "cross_member_rule");
    CHECK(conform::to_string(conform::error::limit_exceeded) == "limit_exceeded");
    CHECK(conform::to_string(conform::error::too_many_diagnostics) == "too_many_diagnostics");
    CHECK(conform::to_string(conform::severity::error) == "error");
    CHECK(conform::to_string(conform::severity::warning) == "warning");
  }

  TEST_CASE("error: codes map to their condition through std::error_code") {
    std::error_code ec = conform::error::out_of_range;
    CHECK(ec == conform::condition::constraint);
    CHECK(ec != conform::condition::schema);
    CHECK(std::error_code(conform::error::syntax_error) == conform::condition::syntax);
    CHECK(std::error_code(conform::error::unknown_member) == conform::condition::schema);
    CHECK(std::error_code(conform::error::limit_exceeded) == conform::condition::limit);
    CHECK(std::string(ec.category().name()) == "conform");
  }

  TEST_CASE("error: the conditions have their own category, names and messages") {
    auto const& category = conform::condition_category();
    CHECK(std::string(category.name()) == "conform.condition");
    CHECK(category != conform::error_category());
    struct row {
      conform::condition c;
      char const* message;
    };
    row const rows[] = {{conform::condition::syntax, "the text is not JSON"},
                        {conform::condition::schema, "the JSON does not match the schema"},
                        {conform::condition::constraint, "a value breaks a constraint"},
                        {conform::condition::limit, "a resource limit was reached"}};
    for (auto const& r : rows) {
      std::error_condition const condition = r.c;
      CHECK(condition.category() == category);
      CHECK(condition.message() == r.message);
    }
    CHECK(category.message(0) == "unknown condition");
    CHECK(category.message(99) == "unknown condition");
  }

  TEST_CASE("error: a value that is no code has none of the conditions") {
    // 0 is success in every category; 99 is past the last code. Both once fell to the
    // catch-all `constraint`.
    for (int value : {0, 99, -1}) {
      CAPTURE(value);
      std::error_code const ec(value, conform::error_category());
      for (auto c : conform_test::all_conditions) {
        CHECK(ec != c);
      }
      CHECK(ec.default_error_condition().category() == conform::error_category());
    }
    // Another category's code with a code's value is not conform's.
    std::error_code const other(static_cast<int>(conform::error::out_of_range),
                                std::generic_category());
    CHECK(other != conform::condition::constraint);
  }
}
