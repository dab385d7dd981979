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
      std::string expected = "both ";
      expected += report.template name<A>();
      expected += " and ";
      expected += report.template name<B>();
      expected += ", or neither";
      std::string found = std::string(a ? report.template name<A>() : report.template name<B>());
      found += " without ";
      found += a ? report.template name<B>() : report.template name<A>();
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
      std::string expected(report.template name<B>());
      expected += " when ";
      expected += report.template name<A>();
      expected += " is present";
      std::string found(report.template name<A>());
      found += " without ";
      found += report.template name<B>();
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
      std::string expected = "at most one of ";
      expected += report.template name<A>();
      expected += " and ";
      expected += report.template name<B>();
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
void append_constant(std::string& out, K const& k) {
  if constexpr (std::is_enum_v<K>) {
    append_quoted(out, enum_to_string(k));
  } else {
    append_quoted(out, std::string_view(k));
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
      std::string expected(report.template name<Required>());
      expected += " when ";
      expected += report.template name<When>();
      expected += " is ";
      detail::append_constant(expected, Value::value);
      std::string found(report.template name<When>());
      found += " ";
      detail::append_constant(found, Value::value);
      found += " without ";
      found += report.template name<Required>();
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
    auto const& l = unwrap(lo);
    auto const& h = unwrap(hi);
    if (h < l) {
      std::string_view high_name = report.template name<High>();
      std::string_view low_name = report.template name<Low>();
      std::string expected;
      expected.reserve(high_name.size() + 12 + low_name.size());
      expected += high_name;
      expected += " not before ";
      expected += low_name;
      std::string found;
      found.reserve(expected.size() + 48); // and two numbers: one allocation, usually
      found += high_name;
      found += " ";
      append(found, h);
      found += " before ";
      found += low_name;
      found += " ";
      append(found, l);
      report.template fail<High>(std::move(expected), std::move(found));
    }
  }

private:
  template <class V>
  static auto const& unwrap(V const& v) {
    if constexpr (detail::is_optional<V>::value) {
      return *v;
    } else {
      return v;
    }
  }
  template <class V>
  static void append(std::string& out, V const& v) {
    if constexpr (std::is_floating_point_v<V>) {
      detail::append_double(out, v);
    } else if constexpr (std::is_integral_v<V>) {
      detail::append_integer(out, v);
    } else {
      detail::append_quoted(out, v);
    }
  }
};

} // namespace conform

#endif // CONFORM_CROSS_MEMBER_HPP
