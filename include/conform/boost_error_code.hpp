// conform: conform's codes as boost::system::error_code, for code built on Boost.System
// (Boost.JSON reports its own errors that way). The same names and messages as the
// std::error_category of <conform/error.hpp>.
#ifndef CONFORM_BOOST_ERROR_CODE_HPP
#define CONFORM_BOOST_ERROR_CODE_HPP

#include <conform/config.hpp>
#include <conform/error.hpp>

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <string>

namespace conform {

namespace detail {

class boost_error_category final : public boost::system::error_category {
public:
  const char* name() const noexcept override { return "conform"; }
  std::string message(int ev) const override {
    return std::string(describe(static_cast<error>(ev)));
  }
  char const* message(int ev, char* buffer, std::size_t len) const noexcept override {
    auto text = describe(static_cast<error>(ev));
    if (len == 0) {
      return buffer;
    }
    std::size_t n = text.size() < len - 1 ? text.size() : len - 1;
    for (std::size_t i = 0; i < n; ++i) {
      buffer[i] = text[i];
    }
    buffer[n] = '\0';
    return buffer;
  }
};

} // namespace detail

/// The boost::system::error_category of conform's codes. Its codes compare equal to
/// conform's conditions (`make_boost_error_code(error::out_of_range) ==
/// condition::constraint`), as the std category's do, through Boost.System's conversion to
/// std::error_code.
inline boost::system::error_category const& boost_error_category() noexcept {
  // Recorded with the instance, so before any code of this category can exist (error.hpp).
  // Boost builds its std::error_category wrapper under a mutex, whose lock may throw: then
  // nothing is recorded, and this category's codes only miss the conditions.
  static detail::boost_error_category const instance;
  static bool const recorded = [] {
    try {
      detail::record_boost_std_category(static_cast<std::error_category const&>(instance));
      return true;
    } catch (...) {
      return false;
    }
  }();
  static_cast<void>(recorded);
  return instance;
}

/// The same code as a boost::system::error_code.
inline boost::system::error_code make_boost_error_code(error e) noexcept {
  return boost::system::error_code(static_cast<int>(e), boost_error_category());
}

} // namespace conform

#endif // CONFORM_BOOST_ERROR_CODE_HPP
