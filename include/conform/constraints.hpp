// conform: the vocabulary of value constraints. A constraint is an empty type with a static
// check, a description of what it expects, and its parameters as static members, so that the
// decoder, the JSON Schema exporter and the fuzz dictionary generator all read one definition.
// Attaching constraints to members is schema.hpp's concern; relations between members are
// cross_member.hpp's. No std::regex: patterns are character classes plus lengths.
#ifndef CONFORM_CONSTRAINTS_HPP
#define CONFORM_CONSTRAINTS_HPP

#include <conform/config.hpp>
#include <conform/detail/text.hpp>
#include <conform/error.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace conform {

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template <class T>
struct is_string_map : std::false_type {};
template <class V, class C, class A>
struct is_string_map<std::map<std::string, V, C, A>> : std::true_type {};
template <class T>
inline constexpr bool is_number_v =
    std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char>;
template <class T>
inline constexpr bool is_container_v = is_vector<T>::value || is_string_map<T>::value;

// The texts of the built-in constraints, written by functions that every instantiation
// shares: a model has dozens of range<>, length<> and size<> instantiations, and the texts
// are only ever built on a failure's path, so one copy of each is all a program needs.
CONFORM_NOINLINE inline void describe_range(std::string& out, std::int64_t min, std::int64_t max) {
  if (max == std::numeric_limits<std::int64_t>::max()) {
    out += "a number of at least ";
    append_int64(out, min);
  } else if (min == std::numeric_limits<std::int64_t>::min()) {
    out += "a number of at most ";
    append_int64(out, max);
  } else {
    out += "a number in [";
    append_int64(out, min);
    out += ", ";
    append_int64(out, max);
    out += "]";
  }
}

/// "n character" or "n characters" (and the same for elements).
CONFORM_NOINLINE inline void append_count(std::string& out, std::size_t n, std::string_view unit) {
  append_uint64(out, n);
  out += ' ';
  out += unit;
  if (n != 1) {
    out += 's';
  }
}

CONFORM_NOINLINE inline void describe_length(std::string& out, std::size_t min, std::size_t max) {
  if (max == std::numeric_limits<std::size_t>::max()) {
    out += "at least ";
    append_count(out, min, "character");
  } else if (min == max) {
    out += "exactly ";
    append_count(out, min, "character");
  } else {
    append_uint64(out, min);
    out += " to ";
    append_uint64(out, max);
    out += " characters";
  }
}

CONFORM_NOINLINE inline void describe_size(std::string& out, std::size_t min, std::size_t max) {
  if (min == max) {
    out += "exactly ";
    append_count(out, min, "element");
  } else if (max == std::numeric_limits<std::size_t>::max()) {
    out += "at least ";
    append_count(out, min, "element");
  } else {
    append_uint64(out, min);
    out += " to ";
    append_count(out, max, "element");
  }
}

/// One class of a charset as its expectation names it: a named class ("letters"), or listed
/// characters, each quoted ('_', '-').
struct charset_class_name {
  std::string_view name;
  bool listed;
};

CONFORM_NOINLINE inline void describe_charset(std::string& out, charset_class_name const* classes,
                                              std::size_t count) {
  out += "only ";
  bool first = true;
  for (std::size_t i = 0; i != count; ++i) {
    if (classes[i].listed) {
      for (char c : classes[i].name) {
        out += first ? "'" : ", '";
        out += c;
        out += '\'';
        first = false;
      }
    } else {
      out += first ? "" : ", ";
      out += classes[i].name;
      first = false;
    }
  }
}

/// The first character of `v` that `allowed` rejects, and its position in characters.
CONFORM_NOINLINE inline void describe_disallowed(std::string& out, std::string_view v,
                                                 bool (*allowed)(char32_t) noexcept) {
  std::size_t i = 0;
  std::size_t index = 0;
  while (i < v.size()) {
    char32_t c = next_code_point(v, i);
    ++index;
    if (!allowed(c)) {
      append_code_point_name(out, c);
      out += " at character ";
      append_uint64(out, index);
      return;
    }
  }
}
} // namespace detail

/** A numeric range, both ends included: `range<0, 3>` ("Range: 0 to 3").
    Applies to integer and floating members. @par Diagnostics out_of_range */
template <std::int64_t Min, std::int64_t Max>
struct range {
  static_assert(Min <= Max, "conform::range: Min must not exceed Max");
  static constexpr std::int64_t minimum = Min;
  static constexpr std::int64_t maximum = Max;
  static constexpr error code = error::out_of_range;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = detail::is_number_v<V>;

  template <class V>
  static constexpr bool check(V const& v) noexcept {
    if constexpr (std::is_floating_point_v<V>) {
      return v >= static_cast<V>(Min) &&
             (Max == std::numeric_limits<std::int64_t>::max() || v <= static_cast<V>(Max));
    } else if constexpr (std::is_unsigned_v<V>) {
      // Max == INT64_MAX means "no upper bound" (at_least): unsigned values beyond it pass.
      return (Min <= 0 || v >= static_cast<std::uint64_t>(Min)) &&
             (Max == std::numeric_limits<std::int64_t>::max() ||
              (Max >= 0 && v <= static_cast<std::uint64_t>(Max)));
    } else {
      return static_cast<std::int64_t>(v) >= Min && static_cast<std::int64_t>(v) <= Max;
    }
  }
  static void expected(std::string& out) { detail::describe_range(out, Min, Max); }
  template <class V>
  static void found(V const& v, std::string& out) {
    if constexpr (std::is_floating_point_v<V>) {
      detail::append_double(out, static_cast<double>(v));
    } else {
      detail::append_integer(out, v);
    }
  }
};

/// A lower bound only: `at_least<0>`.
template <std::int64_t Min>
using at_least = range<Min, std::numeric_limits<std::int64_t>::max()>;

/** A number strictly greater than `Min` ("greater than zero"). Applies to numbers.
    @par Diagnostics out_of_range */
template <std::int64_t Min>
struct greater_than {
  static constexpr std::int64_t exclusive_minimum = Min;
  static constexpr error code = error::out_of_range;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = detail::is_number_v<V>;
  template <class V>
  static constexpr bool check(V const& v) noexcept {
    if constexpr (std::is_floating_point_v<V>) {
      return v > static_cast<V>(Min);
    } else if constexpr (std::is_unsigned_v<V>) {
      return Min < 0 || v > static_cast<std::uint64_t>(Min);
    } else {
      return static_cast<std::int64_t>(v) > Min;
    }
  }
  static void expected(std::string& out) {
    out += "a number greater than ";
    detail::append_int64(out, Min);
  }
  template <class V>
  static void found(V const& v, std::string& out) {
    range<0, 0>::found(v, out);
  }
};

/** The length of a string in characters (UTF-8 code points), both ends included:
    `length<1, 64>` ("1 to 64 characters"). @par Diagnostics length_out_of_range */
template <std::size_t Min, std::size_t Max = std::numeric_limits<std::size_t>::max()>
struct length {
  static_assert(Min <= Max, "conform::length: Min must not exceed Max");
  static constexpr std::size_t min_length = Min;
  static constexpr std::size_t max_length = Max;
  static constexpr error code = error::length_out_of_range;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_same_v<V, std::string>;
  static bool check(std::string const& v) noexcept {
    // A character takes one to four bytes, so the byte count often decides alone.
    if (v.size() < Min) {
      return false;
    }
    if (v.size() <= Max && Min <= 1) {
      return true;
    }
    std::size_t n = detail::utf8_length(v);
    return n >= Min && n <= Max;
  }
  static void expected(std::string& out) { detail::describe_length(out, Min, Max); }
  static void found(std::string const& v, std::string& out) {
    detail::append_count(out, detail::utf8_length(v), "character");
  }
};

/// A string with at least one character.
using non_empty = length<1>;

/** The number of elements of an array or map, both ends included: `size<2, 2>`.
    @par Diagnostics length_out_of_range */
template <std::size_t Min, std::size_t Max = std::numeric_limits<std::size_t>::max()>
struct size {
  static constexpr std::size_t min_items = Min;
  static constexpr std::size_t max_items = Max;
  static constexpr error code = error::length_out_of_range;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = detail::is_container_v<V>;
  template <class V>
  static bool check(V const& v) noexcept {
    return v.size() >= Min && v.size() <= Max;
  }
  static void expected(std::string& out) { detail::describe_size(out, Min, Max); }
  template <class V>
  static void found(V const& v, std::string& out) {
    detail::append_count(out, v.size(), "element");
  }
};

// Character classes for `charset`. Each is an empty type with a static `contains` and a
// `name` for messages and exporters; only ASCII classes exist because the spec's rules are
// ASCII ("letters, digits, underscores and hyphens").

/// ASCII letters A-Z and a-z.
struct letters {
  static constexpr std::string_view name = "letters";
  static constexpr bool contains(char32_t c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
};
/// ASCII digits 0-9.
struct digits {
  static constexpr std::string_view name = "digits";
  static constexpr bool contains(char32_t c) noexcept { return c >= '0' && c <= '9'; }
};
/// Lower-case hexadecimal digits 0-9 and a-f.
struct lower_hex_digits {
  static constexpr std::string_view name = "lower-case hexadecimal digits";
  static constexpr bool contains(char32_t c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
};
/// The listed characters: `chars<'_', '-'>`.
template <char... Cs>
struct chars {
  static constexpr char list[] = {Cs..., '\0'};
  static constexpr std::string_view name = std::string_view(list, sizeof...(Cs));
  static constexpr bool contains(char32_t c) noexcept { return ((c == char32_t(Cs)) || ...); }
};

namespace detail {
template <class C>
struct is_chars : std::false_type {};
template <char... Cs>
struct is_chars<chars<Cs...>> : std::true_type {};
} // namespace detail

/** Every character of a string belongs to one of the classes:
    `charset<letters, digits, chars<'_', '-'>>`. The empty string passes (pair it with
    `length`). @par Diagnostics invalid_character, naming the first offending character */
template <class... Classes>
struct charset {
  static_assert(sizeof...(Classes) > 0, "conform::charset needs at least one class");
  static constexpr error code = error::invalid_character;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_same_v<V, std::string>;
  static constexpr bool allowed(char32_t c) noexcept { return (Classes::contains(c) || ...); }
  static bool check(std::string const& v) noexcept {
    for (char c : v) {
      // Every class is ASCII, so any byte >= 0x80 is already a violation.
      if (!allowed(static_cast<unsigned char>(c))) {
        return false;
      }
    }
    return true;
  }
  static void expected(std::string& out) {
    static constexpr detail::charset_class_name names[] = {
        {Classes::name, detail::is_chars<Classes>::value}...};
    detail::describe_charset(out, names, sizeof...(Classes));
  }
  static void found(std::string const& v, std::string& out) {
    detail::describe_disallowed(out, v, &allowed);
  }
};

/** The string is one of a fixed list: `one_of<Values>` where `Values::values` is a
    `static constexpr std::string_view[]`. For closed sets prefer a described enum;
    this is for lists that stay strings. @par Diagnostics invalid_value */
template <class Values>
struct one_of {
  static constexpr error code = error::invalid_value;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_same_v<V, std::string>;
  static bool check(std::string const& v) noexcept {
    for (std::string_view allowed : Values::values) {
      if (v == allowed) {
        return true;
      }
    }
    return false;
  }
  static void expected(std::string& out) { detail::append_one_of(out, Values::values); }
  static void found(std::string const& v, std::string& out) { detail::append_quoted(out, v); }
};

/** A path strictly beneath a directory: `path_under<Dir>` where `Dir::value` is a
    `static constexpr std::string_view` such as "/home". "/home/work" passes, "/home",
    "/homework" and "/etc" do not. @par Diagnostics invalid_value */
template <class Dir>
struct path_under {
  static constexpr error code = error::invalid_value;
  static constexpr severity level = severity::error;
  template <class V>
  static constexpr bool applies_to = std::is_same_v<V, std::string>;
  static bool check(std::string const& v) noexcept {
    std::string_view dir = Dir::value;
    while (!dir.empty() && dir.back() == '/') {
      dir.remove_suffix(1);
    }
    return v.size() > dir.size() + 1 && v.compare(0, dir.size(), dir) == 0 && v[dir.size()] == '/';
  }
  static void expected(std::string& out) {
    out += "a path under ";
    out += Dir::value;
  }
  static void found(std::string const& v, std::string& out) { detail::append_quoted(out, v); }
};

/** Applies constraints to every element of an array (or every value of a map):
    `each<size<2, 2>>` on `std::vector<std::vector<std::int64_t>>`. The pointer of a
    failure names the element. */
template <class... Cs>
struct each {
  template <class V>
  static constexpr bool applies_to = detail::is_container_v<V>;
};

/** Base of annotations: entries of a rules<...> list that the decoder skips and that
    exporters and tests read (for example "this member comes from the SDK, not the API page").
    An annotation has no check. */
struct annotation {
  static constexpr bool is_annotation = true;
};

namespace detail {
template <class C>
inline constexpr bool is_annotation_v = std::is_base_of_v<annotation, C>;
} // namespace detail

/** Downgrades a constraint (or a cross-member rule) to a warning: the finding is reported,
    the document stays valid. `warn<range<0, 86400>>`. */
template <class C>
struct warn : C {
  static constexpr severity level = severity::warning;
};

} // namespace conform

#endif // CONFORM_CONSTRAINTS_HPP
