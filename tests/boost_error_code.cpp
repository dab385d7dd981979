// Tests for <conform/boost_error_code.hpp>: conform's codes as boost::system::error_code, with
// the std category's names, messages and conditions, and a bounded C-string message.
#include <conform/boost_error_code.hpp>

#include "support/test.hpp"

#include <boost/system/errc.hpp>

#include <cstring>
#include <string>
#include <system_error>

using conform_test::all_conditions;

TEST_SUITE("boost_error_code") {
  TEST_CASE("boost_error_code: every code keeps its message and its category") {
    for (auto e : conform::all_errors) {
      CAPTURE(static_cast<int>(e));
      auto ec = conform::make_boost_error_code(e);
      CHECK(ec.value() == static_cast<int>(e));
      CHECK(ec.category() == conform::boost_error_category());
      CHECK(ec.message() == std::string(conform::describe(e)));
      CHECK(ec.message() == conform::make_error_code(e).message());
      CHECK(ec.failed());
    }
    CHECK(std::string(conform::boost_error_category().name()) == conform::error_category().name());
  }

  TEST_CASE("boost_error_code: a code equals its condition, as the std code does, and no other") {
    for (auto e : conform::all_errors) {
      CAPTURE(static_cast<int>(e));
      auto const ec = conform::make_boost_error_code(e);
      std::error_code const converted = ec; // Boost.System's conversion: its own wrapper category
      for (auto c : all_conditions) {
        CAPTURE(static_cast<int>(c));
        bool const same = c == conform::condition_of(e);
        CHECK((ec == c) == same);
        CHECK((c == ec) == same);
        CHECK((converted == c) == same);
        CHECK((ec == conform::make_error_condition(c)) == same);
        CHECK((std::error_code(e) == c) == same);
      }
    }
  }

  TEST_CASE("boost_error_code: other codes are none of conform's conditions") {
    // Another category's code, in Boost and in std, even with a conform code's value.
    auto const other = boost::system::errc::make_error_code(boost::system::errc::invalid_argument);
    boost::system::error_code const same_value(static_cast<int>(conform::error::syntax_error),
                                               boost::system::generic_category());
    // Values of conform's boost category that are no code: 0 (success) and past the last.
    boost::system::error_code const zero(0, conform::boost_error_category());
    boost::system::error_code const past(99, conform::boost_error_category());
    CHECK_FALSE(zero.failed());
    for (auto c : all_conditions) {
      CAPTURE(static_cast<int>(c));
      CHECK(other != c);
      CHECK(same_value != c);
      CHECK(std::make_error_code(std::errc::invalid_argument) != c);
      CHECK(zero != c);
      CHECK(past != c);
    }
  }

  TEST_CASE("boost_error_code: the buffer form of message() truncates and terminates") {
    auto const& category = conform::boost_error_category();
    int const ev = static_cast<int>(conform::error::out_of_range);
    std::string const full(conform::describe(conform::error::out_of_range));
    REQUIRE(full.size() > 8);
    char buffer[64];
    CHECK(std::string(category.message(ev, buffer, sizeof buffer)) == full);
    char small[8];
    std::memset(small, 'x', sizeof small);
    CHECK(std::string(category.message(ev, small, sizeof small)) == full.substr(0, 7));
    CHECK(small[7] == '\0');
    char none = 'x';
    CHECK(category.message(ev, &none, 0) == &none);
    CHECK(none == 'x');
  }
}
