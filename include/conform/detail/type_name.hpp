// conform internals: the name of a type for messages ("ns::type"), read from the compiler's
// function signature at compile time, so it costs no per-type runtime code.
#ifndef CONFORM_DETAIL_TYPE_NAME_HPP
#define CONFORM_DETAIL_TYPE_NAME_HPP

#include <conform/config.hpp>

#include <cstddef>
#include <string_view>

namespace conform::detail {

/// The name of T, read from the compiler's function signature at compile time (no
/// per-type runtime code, unlike boost::core::type_name): "ns::type".
template <class T>
constexpr std::string_view type_name() noexcept {
#if defined(__clang__) || defined(__GNUC__)
  std::string_view p = __PRETTY_FUNCTION__;
  std::size_t start = p.find("T = ");
  if (start == std::string_view::npos) {
    return "object";
  }
  start += 4;
  std::size_t end = p.find_first_of(";]", start);
  return p.substr(start, end - start);
#else
  return "object";
#endif
}

} // namespace conform::detail

#endif // CONFORM_DETAIL_TYPE_NAME_HPP
