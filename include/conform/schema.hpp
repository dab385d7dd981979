// conform: how a described struct becomes a schema. Members are the Boost.Describe public
// members (JSON key = member name); `std::optional<T>` marks an optional member, anything
// else is required. Constraints (constraints.hpp) attach to a member, and cross-member rules
// (cross_member.hpp) to a type, with the two macros below, written right after the struct in
// its own namespace. The structs themselves stay plain aggregates.
#ifndef CONFORM_SCHEMA_HPP
#define CONFORM_SCHEMA_HPP

#include <conform/config.hpp>
#include <conform/constraints.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/open_enum.hpp>

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace conform {

/// A list of constraints or rules, as attached by the macros below.
template <class... Cs>
struct rules {};

/// Names one member of T for the attachment hooks (T is a type argument so that
/// argument-dependent lookup searches T's namespace).
template <class T, auto Member>
struct member_tag {};

/// Fallback: a member has no constraints.
template <class T, auto Member>
rules<> conform_member_rules(member_tag<T, Member>) noexcept;

/// Fallback: a type has no cross-member rules.
template <class T>
rules<> conform_type_rules(T const*) noexcept;

/** Attaches constraints to one member. Use it right after the struct, in its namespace:

        CONFORM_MEMBER_RULES(job_metadata, name, conform::length<1, 64>,
                             conform::charset<conform::letters, conform::digits,
                                              conform::chars<'_', '-'>>);

    The constraints apply to the member's value: inside an optional when it holds one;
    `each<...>` applies to the elements of a vector or the values of a map.
    A constraint that cannot apply to the member's type is a compile error. */
#define CONFORM_MEMBER_RULES(Type, member, ...)                                                    \
  ::conform::rules<__VA_ARGS__> conform_member_rules(                                              \
      ::conform::member_tag<Type, &Type::member>) noexcept

/** Attaches cross-member rules to a type (see cross_member.hpp):

        CONFORM_TYPE_RULES(http_get, conform::together<&http_get::path, &http_get::port>);
*/
#define CONFORM_TYPE_RULES(Type, ...)                                                              \
  ::conform::rules<__VA_ARGS__> conform_type_rules(Type const*) noexcept

namespace detail {

/// The class that declares a member pointer's member.
template <class P>
struct member_class;
template <class C, class V>
struct member_class<V C::*> {
  using type = C;
};

/// The constraints of member M of T. An inherited member (M declared by a base of T) has the
/// constraints attached for T when there are any, and otherwise those attached for the base
/// that declares it: rules on a base's members hold in every type derived from it.
template <class T, auto M,
          bool Inherited = !std::is_same_v<T, typename member_class<decltype(M)>::type>>
struct member_rules_of {
  using type = decltype(conform_member_rules(member_tag<T, M>{}));
};
template <class T, auto M>
struct member_rules_of<T, M, true> {
  using own = decltype(conform_member_rules(member_tag<T, M>{}));
  using type = std::conditional_t<
      std::is_same_v<own, rules<>>,
      typename member_rules_of<typename member_class<decltype(M)>::type, M>::type, own>;
};

template <class T, auto M>
using member_rules_t = typename member_rules_of<T, M>::type;

template <class T>
using type_rules_t = decltype(conform_type_rules(static_cast<T const*>(nullptr)));

template <class T>
using public_members = boost::describe::describe_members<T, boost::describe::mod_public |
                                                                boost::describe::mod_inherited>;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct unwrap_optional {
  using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
};

/// The JSON name of member pointer M of T (its C++ name). constexpr, so that callers can have
/// it evaluated at compile time: called at run time, each member's lambda instance would be
/// one more function to compile, per member pointer asked for.
template <class T, auto M>
constexpr std::string_view member_name() noexcept {
  std::string_view name;
  boost::mp11::mp_for_each<public_members<T>>([&](auto d) {
    if constexpr (std::is_same_v<std::remove_cv_t<decltype(d.pointer)>, decltype(M)>) {
      if (d.pointer == M) {
        name = d.name;
      }
    }
  });
  return name;
}

/// The bit of member pointer M of T in a 64-bit member set (bit i = the i-th described member).
template <class T, auto M>
constexpr std::uint64_t member_bit() noexcept {
  std::uint64_t bit = 0;
  std::size_t i = 0;
  boost::mp11::mp_for_each<public_members<T>>([&](auto d) {
    if constexpr (std::is_same_v<std::remove_cv_t<decltype(d.pointer)>, decltype(M)>) {
      if (d.pointer == M) {
        bit = std::uint64_t(1) << i;
      }
    }
    ++i;
  });
  return bit;
}

/// Whether a member holds a value: an optional that is engaged; any other member always does.
template <class V>
bool is_present(V const& v) noexcept {
  if constexpr (is_optional<V>::value) {
    return v.has_value();
  } else {
    return true;
  }
}

/// The value a member holds (check is_present first): an optional's, or the member itself.
template <class V>
auto& value_of(V& v) noexcept {
  if constexpr (is_optional<std::remove_const_t<V>>::value) {
    return *v;
  } else {
    return v;
  }
}

} // namespace detail

/// True for class types described with BOOST_DESCRIBE_STRUCT (or _CLASS).
template <class T>
inline constexpr bool is_described_struct_v =
    std::is_class_v<T>&& boost::describe::has_describe_members<T>::value;

} // namespace conform

#endif // CONFORM_SCHEMA_HPP
