// Tests for <conform/boost_error_code.hpp>: conform's codes as boost::system::error_code, with
// the std category's names and messages, and a bounded C-string message.
#include <conform/boost_error_code.hpp>

#include "support/test.hpp"

#include <cstring>
#include <string>

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
