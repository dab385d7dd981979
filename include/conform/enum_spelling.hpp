// conform: how described enums are spelled in JSON. By default an enumerator is spelled as
// its C++ name; values that are not identifiers ("mindstudio-insight", "zh-cn") get a
// spelling hook. Closed enumerations are plain described enums; open ones wrap them in
// open_enum (open_enum.hpp).
#ifndef CONFORM_ENUM_SPELLING_HPP
#define CONFORM_ENUM_SPELLING_HPP

#include <conform/config.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace conform {

namespace detail {
/// Fallback of the spelling hook: keep the enumerator's C++ name.
template <class E>
constexpr std::string_view conform_enum_spelling(E) noexcept {
  return {};
}

template <class E>
constexpr std::string_view spelling_hook(E e) noexcept {
  // Unqualified: finds the user's overload in E's namespace by argument-dependent lookup,
  // and the fallback above by ordinary lookup. A non-template overload wins.
  return conform_enum_spelling(e);
}

template <class E>
struct enum_table {
  using list = boost::describe::describe_enumerators<E>;
  static constexpr std::size_t count = boost::mp11::mp_size<list>::value;
  struct entry {
    std::string_view name;
    E value;
  };
  static constexpr std::array<entry, count> make() noexcept {
    std::array<entry, count> out{};
    std::size_t i = 0;
    boost::mp11::mp_for_each<list>([&](auto d) {
      std::string_view custom = spelling_hook(d.value);
      out[i++] = entry{custom.empty() ? std::string_view(d.name) : custom, d.value};
    });
    return out;
  }
  static constexpr std::array<entry, count> entries = make();
};
} // namespace detail

/// True for enums described with BOOST_DESCRIBE_ENUM (or _NESTED_ENUM).
template <class E>
inline constexpr bool is_described_enum_v =
    std::is_enum_v<E>&& boost::describe::has_describe_enumerators<E>::value;

/** The JSON spelling of an enumerator ("" for a value that is not an enumerator).

    To spell an enumerator differently, declare in the enum's namespace
    `constexpr std::string_view conform_enum_spelling(E) noexcept` returning the spelling,
    or "" to keep the C++ name.
*/
template <class E>
constexpr std::string_view enum_to_string(E value) noexcept {
  static_assert(is_described_enum_v<E>,
                "conform: the enum must be described with BOOST_DESCRIBE_ENUM");
  for (auto const& e : detail::enum_table<E>::entries) {
    if (e.value == value) {
      return e.name;
    }
  }
  return {};
}

/// The enumerator spelled `text`, if any (exact, case-sensitive match).
template <class E>
constexpr std::optional<E> enum_from_string(std::string_view text) noexcept {
  static_assert(is_described_enum_v<E>,
                "conform: the enum must be described with BOOST_DESCRIBE_ENUM");
  for (auto const& e : detail::enum_table<E>::entries) {
    if (e.name == text) {
      return e.value;
    }
  }
  return std::nullopt;
}

/// All spellings of E, in declaration order (for messages, schemas and fuzz dictionaries).
template <class E>
constexpr std::array<std::string_view, detail::enum_table<E>::count> enum_spellings() noexcept {
  std::array<std::string_view, detail::enum_table<E>::count> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = detail::enum_table<E>::entries[i].name;
  }
  return out;
}

} // namespace conform

#endif // CONFORM_ENUM_SPELLING_HPP
