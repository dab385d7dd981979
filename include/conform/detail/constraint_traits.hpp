// conform internals: what the built-in constraints of a list ask for, read at compile time by
// the parts that build or describe values rather than check them: generate() (generate.hpp)
// and json_schema() (json_schema.hpp). Which constraint a type is, a list's integer bounds,
// the characters a list of charsets allows, one_of's values and path_under's directory.
#ifndef CONFORM_DETAIL_CONSTRAINT_TRAITS_HPP
#define CONFORM_DETAIL_CONSTRAINT_TRAITS_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>

#include <boost/mp11/list.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

namespace conform::detail {

template <class C>
struct unwarned {
  using type = C;
};
template <class C>
struct unwarned<warn<C>> : unwarned<C> {};
template <class C>
using unwarned_t = typename unwarned<C>::type;

template <class C>
struct is_length : std::false_type {};
template <std::size_t Min, std::size_t Max>
struct is_length<length<Min, Max>> : std::true_type {};
template <class C>
struct is_charset : std::false_type {};
template <class... Cl>
struct is_charset<charset<Cl...>> : std::true_type {};
template <class C>
struct is_one_of : std::false_type {};
template <class V>
struct is_one_of<one_of<V>> : std::true_type {};
template <class C>
struct is_path_under : std::false_type {};
template <class D>
struct is_path_under<path_under<D>> : std::true_type {};
template <class C>
struct is_range : std::false_type {};
template <std::int64_t Min, std::int64_t Max>
struct is_range<range<Min, Max>> : std::true_type {};
template <class C>
struct is_greater_than : std::false_type {};
template <std::int64_t Min>
struct is_greater_than<greater_than<Min>> : std::true_type {};
template <class C>
struct is_size : std::false_type {};
template <std::size_t Min, std::size_t Max>
struct is_size<size<Min, Max>> : std::true_type {};

template <class C>
struct is_warn : std::false_type {};
template <class C>
struct is_warn<warn<C>> : std::true_type {};

/// What the range and greater_than constraints of a list say of a number, all of them at once:
/// whether a range bounds it below and the greatest such minimum, the least maximum
/// (INT64_MAX: none, as range::check reads at_least), and whether a greater_than bounds it and
/// the greatest such exclusive minimum. generate() draws within them, json_schema() writes them.
struct number_limits {
  bool ranged = false;
  std::int64_t minimum = std::numeric_limits<std::int64_t>::min();
  std::int64_t maximum = std::numeric_limits<std::int64_t>::max();
  bool above = false;
  std::int64_t exclusive_minimum = std::numeric_limits<std::int64_t>::min();
};

template <class... Cs>
constexpr number_limits number_limits_of(boost::mp11::mp_list<Cs...>) noexcept {
  number_limits l;
  auto note = [&](auto c) {
    using C = unwarned_t<decltype(c)>;
    if constexpr (is_range<C>::value) {
      l.ranged = true;
      l.minimum = std::max(l.minimum, C::minimum);
      l.maximum = std::min(l.maximum, C::maximum);
    } else if constexpr (is_greater_than<C>::value) {
      l.above = true;
      l.exclusive_minimum = std::max(l.exclusive_minimum, C::exclusive_minimum);
    }
  };
  (void)note; // unused when there are no constraints
  (note(Cs{}), ...);
  return l;
}

/// The bounds of the range and greater_than constraints, within I's own.
template <class I, class... Cs>
constexpr std::pair<I, I> integer_bounds(boost::mp11::mp_list<Cs...> list) noexcept {
  using lim = std::numeric_limits<I>;
  constexpr std::int64_t none = std::numeric_limits<std::int64_t>::max();
  number_limits const l = number_limits_of(list);
  I lo = lim::min();
  I hi = lim::max();
  if constexpr (std::is_signed_v<I>) {
    if (l.ranged) {
      lo = static_cast<I>(std::max<std::int64_t>(l.minimum, lim::min()));
      hi = static_cast<I>(std::min<std::int64_t>(l.maximum, lim::max()));
    }
    if (l.above && l.exclusive_minimum < none) {
      lo = static_cast<I>(std::max<std::int64_t>(lo, l.exclusive_minimum + 1));
    }
  } else {
    if (l.ranged && l.minimum > 0) {
      lo = static_cast<I>(std::max<std::uint64_t>(lo, std::uint64_t(l.minimum)));
    }
    if (l.maximum != none) { // at_least's maximum is no upper bound
      hi = l.maximum < 0 ? I(0) : I(std::min<std::uint64_t>(hi, std::uint64_t(l.maximum)));
    }
    if (l.above && l.exclusive_minimum >= 0) {
      lo = static_cast<I>(std::max<std::uint64_t>(lo, std::uint64_t(l.exclusive_minimum) + 1));
    }
  }
  return {lo, hi};
}

/// The characters every charset of the list allows, in code order: worked out once, at
/// compile time, not for every character drawn.
template <class Charsets>
struct charset_alphabet;
template <class... Charsets>
struct charset_alphabet<boost::mp11::mp_list<Charsets...>> {
  struct table {
    char chars[128];
    std::size_t size;
  };
  static constexpr table make() noexcept {
    table t{};
    for (char32_t c = 0; c < 128; ++c) {
      if ((Charsets::allowed(c) && ...)) {
        t.chars[t.size++] = static_cast<char>(c);
      }
    }
    return t;
  }
  static constexpr table value = make();
};

template <class C>
struct one_of_values;
template <class Values>
struct one_of_values<one_of<Values>> {
  static std::string_view const* get(std::size_t& count) noexcept {
    count = std::size(Values::values);
    return Values::values;
  }
};
template <class C>
struct path_dir;
template <class Dir>
struct path_dir<path_under<Dir>> {
  static std::string_view get() noexcept {
    std::string_view dir = Dir::value;
    while (!dir.empty() && dir.back() == '/') {
      dir.remove_suffix(1);
    }
    return dir;
  }
};

} // namespace conform::detail

#endif // CONFORM_DETAIL_CONSTRAINT_TRAITS_HPP
