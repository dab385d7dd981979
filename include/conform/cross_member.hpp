// conform: rules that relate several members of one object ("must be used with",
// "mandatory when", "not after"). Each is an empty type naming members by pointer; the
// decoder runs them when the object ends, and a failure is one cross_member_rule diagnostic
// that points at an existing member (the one that needs a partner, or the later of two).
// Attach them with CONFORM_TYPE_RULES (schema.hpp); wrap in warn<> for a warning.
#ifndef CONFORM_CROSS_MEMBER_HPP
#define CONFORM_CROSS_MEMBER_HPP

#include <conform/config.hpp>
#include <conform/detail/text.hpp>
#include <conform/enum_spelling.hpp>
#include <conform/error.hpp>
#include <conform/open_enum.hpp>
#include <conform/schema.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace conform {

// A rule also declares `template <class T> static constexpr std::uint64_t members()`, the set of
// members it reads (detail::member_bit); when one of them was rejected the rule is skipped.
// The `Report` a rule receives offers:
//   template <auto M> std::string_view name();            the JSON name of member M
//   template <auto M> void fail(std::string expected, std::string found);   blame member M
//   void fail_object(std::string expected, std::string found);              blame the object
// A rule of the user's own may also declare `template <class T, class Source> static void
// repair(T& obj, Source& in)`, with which generate() makes a value meet it (generate.hpp).

namespace detail {
// The rules' texts, written by functions that every instantiation shares: they are built only
// when a rule fails, and a model instantiates each rule for many pairs of members.
CONFORM_COLD inline void together_text(std::string& expected, std::string& found,
                                       std::string_view a, std::string_view b, bool a_present) {
  expected += "both ";
  expected += a;
  expected += " and ";
  expected += b;
  expected += ", or neither";
  found += a_present ? a : b;
  found += " without ";
  found += a_present ? b : a;
}

CONFORM_COLD inline void requires_text(std::string& expected, std::string& found,
                                       std::string_view a, std::string_view b) {
  expected += b;
  expected += " when ";
  expected += a;
  expected += " is present";
  found += a;
  found += " without ";
  found += b;
}

CONFORM_COLD inline void exclusive_text(std::string& expected, std::string_view a,
                                        std::string_view b) {
  expected += "at most one of ";
  expected += a;
  expected += " and ";
  expected += b;
}

CONFORM_COLD inline void required_if_text(std::string& expected, std::string& found,
                                          std::string_view required, std::string_view when,
                                          std::string_view value) {
  expected += required;
  expected += " when ";
  expected += when;
  expected += " is ";
  append_quoted(expected, value);
  found += when;
  found += " ";
  append_quoted(found, value);
  found += " without ";
  found += required;
}

/// Appends the value at `v` as the texts say it: a number, or a quoted string.
using append_value_fn = void (*)(std::string& out, void const* v);
inline void append_int64_at(std::string& out, void const* v) {
  append_int64(out, *static_cast<std::int64_t const*>(v));
}
inline void append_uint64_at(std::string& out, void const* v) {
  append_uint64(out, *static_cast<std::uint64_t const*>(v));
}
inline void append_double_at(std::string& out, void const* v) {
  append_double(out, *static_cast<double const*>(v));
}
inline void append_quoted_at(std::string& out, void const* v) {
  append_quoted(out, *static_cast<std::string_view const*>(v));
}

/// Both texts of an ordered<> finding, each written at its exact size. The two values are
/// formatted first, into strings that numbers (timestamps, the usual case) leave in their
/// inline buffers.
CONFORM_COLD inline void ordered_text(std::string& expected, std::string& found,
                                      std::string_view low_name, std::string_view high_name,
                                      void const* low, void const* high, append_value_fn append) {
  std::string high_text;
  std::string low_text;
  append(high_text, high);
  append(low_text, low);
  expected = concat({high_name, " not before ", low_name});
  found = concat({high_name, " ", high_text, " before ", low_name, " ", low_text});
}
} // namespace detail

/** Both members or neither: `together<&http_get::path, &http_get::port>`
    ("must either be configured together or remain empty"). */
template <auto A, auto B>
struct together {
  /// The members the rule reads (it is not checked when one of them was rejected).
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return detail::member_bit<T, A>() | detail::member_bit<T, B>();
  }
  static constexpr error code = error::cross_member_rule;
  static constexpr severity level = severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    bool a = detail::is_present(obj.*A);
    bool b = detail::is_present(obj.*B);
    if (a != b) {
      std::string expected;
      std::string found;
      detail::together_text(expected, found, report.template name<A>(), report.template name<B>(),
                            a);
      if (a) {
        report.template fail<A>(std::move(expected), std::move(found));
      } else {
        report.template fail<B>(std::move(expected), std::move(found));
      }
    }
  }
};

/** When member A is present, member B must be too: `requires_member<&summary::log_type,
    &summary::log_dir>` ("log_dir is mandatory when log_type is not empty"). */
template <auto A, auto B>
struct requires_member {
  /// The members the rule reads (it is not checked when one of them was rejected).
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return detail::member_bit<T, A>() | detail::member_bit<T, B>();
  }
  static constexpr error code = error::cross_member_rule;
  static constexpr severity level = severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    if (detail::is_present(obj.*A) && !detail::is_present(obj.*B)) {
      std::string expected;
      std::string found;
      detail::requires_text(expected, found, report.template name<A>(), report.template name<B>());
      report.template fail<A>(std::move(expected), std::move(found));
    }
  }
};

/** At most one of two members. */
template <auto A, auto B>
struct exclusive {
  /// The members the rule reads (it is not checked when one of them was rejected).
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return detail::member_bit<T, A>() | detail::member_bit<T, B>();
  }
  static constexpr error code = error::cross_member_rule;
  static constexpr severity level = severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    if (detail::is_present(obj.*A) && detail::is_present(obj.*B)) {
      std::string expected;
      detail::exclusive_text(expected, report.template name<A>(), report.template name<B>());
      report.template fail<B>(std::move(expected), "both");
    }
  }
};

namespace detail {
// Compares a member's value with a constant: enums, open enums and strings.
template <class V, class K>
bool member_equals(V const& v, K const& k) {
  if constexpr (is_optional<V>::value) {
    return v.has_value() && member_equals(*v, k);
  } else if constexpr (is_open_enum<V>::value) {
    return v == k;
  } else if constexpr (std::is_same_v<V, std::string>) {
    return std::string_view(v) == std::string_view(k);
  } else {
    return v == k;
  }
}
template <class K>
std::string_view constant_text(K const& k) {
  if constexpr (std::is_enum_v<K>) {
    return enum_to_string(k);
  } else {
    return std::string_view(k);
  }
}

} // namespace detail

/** Member `Required` must be present when member `When` equals `Value::value`:
    `required_if<&affinity::affinity_group_size, &affinity::affinity_type, hyperinstance_t>`
    ("mandatory when affinity_type is set to hyperinstance"). `Value::value` is an
    enumerator (for enum or open_enum members) or a string_view. */
template <auto Required, auto When, class Value>
struct required_if {
  /// The members the rule reads (it is not checked when one of them was rejected).
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return detail::member_bit<T, Required>() | detail::member_bit<T, When>();
  }
  static constexpr error code = error::cross_member_rule;
  static constexpr severity level = severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    if (detail::member_equals(obj.*When, Value::value) && !detail::is_present(obj.*Required)) {
      std::string expected;
      std::string found;
      detail::required_if_text(expected, found, report.template name<Required>(),
                               report.template name<When>(), detail::constant_text(Value::value));
      report.template fail<When>(std::move(expected), std::move(found));
    }
  }
};

/** When both are present, `*Low <= *High`: `ordered<&record::start_at, &record::end_at>`.
    The later member is blamed. */
template <auto Low, auto High>
struct ordered {
  /// The members the rule reads (it is not checked when one of them was rejected).
  template <class T>
  static constexpr std::uint64_t members() noexcept {
    return detail::member_bit<T, Low>() | detail::member_bit<T, High>();
  }
  static constexpr error code = error::cross_member_rule;
  static constexpr severity level = severity::error;
  template <class T, class Report>
  static void check(T const& obj, Report& report) {
    auto const& lo = obj.*Low;
    auto const& hi = obj.*High;
    if (!detail::is_present(lo) || !detail::is_present(hi)) {
      return;
    }
    auto const& l = detail::value_of(lo);
    auto const& h = detail::value_of(hi);
    if (h < l) {
      std::string expected;
      std::string found;
      report_order(expected, found, report.template name<Low>(), report.template name<High>(), l,
                   h);
      report.template fail<High>(std::move(expected), std::move(found));
    }
  }

private:
  // The two values, converted to one of the four types the texts know.
  template <class V>
  static void report_order(std::string& expected, std::string& found, std::string_view low_name,
                           std::string_view high_name, V const& l, V const& h) {
    if constexpr (std::is_floating_point_v<V>) {
      double const lo = l, hi = h;
      detail::ordered_text(expected, found, low_name, high_name, &lo, &hi,
                           &detail::append_double_at);
    } else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>) {
      std::int64_t const lo = l, hi = h;
      detail::ordered_text(expected, found, low_name, high_name, &lo, &hi,
                           &detail::append_int64_at);
    } else if constexpr (std::is_integral_v<V>) {
      std::uint64_t const lo = l, hi = h;
      detail::ordered_text(expected, found, low_name, high_name, &lo, &hi,
                           &detail::append_uint64_at);
    } else {
      std::string_view const lo = l, hi = h;
      detail::ordered_text(expected, found, low_name, high_name, &lo, &hi,
                           &detail::append_quoted_at);
    }
  }
};

} // namespace conform

#endif // CONFORM_CROSS_MEMBER_HPP
